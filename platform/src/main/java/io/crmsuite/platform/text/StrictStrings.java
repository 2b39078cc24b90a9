package io.crmsuite.platform.text;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Every text a request body carries is read through this: a control character is refused where the body is read,
 * before it can reach a store, with a 400 that names the field. {@link FreeText} fields may hold tab, CR and LF.
 */
@Singleton
public class StrictStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("strict-strings").addDeserializer(String.class, new Reader(false)));
    }

    /** A string reader that checks what it read; contextual, so that a {@link FreeText} property may hold lines. */
    static final class Reader extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final boolean freeText;

        Reader(boolean freeText) {
            super(String.class);
            this.freeText = freeText;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean free = property != null && property.getAnnotation(FreeText.class) != null;
            return free == freeText ? this : new Reader(free);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = ControlCharacters.problem(value, freeText);
            if (problem != null) {
                throw new ControlCharacterException(p, problem);
            }
            return value;
        }
    }
}
