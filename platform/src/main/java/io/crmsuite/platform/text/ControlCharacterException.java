package io.crmsuite.platform.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A request body's text field holds a control character; its message says which and where (400 naming the field). */
public class ControlCharacterException extends JsonMappingException {

    public ControlCharacterException(JsonParser parser, String message) {
        super(parser, message);
    }
}
