package io.crmsuite.platform.text;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request field of free text (a description, a note, a comment): tab, CR and LF are allowed in it. Every other
 * text field is one line; no field may hold any other control character (see {@link ControlCharacters}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT })
public @interface FreeText {
}
