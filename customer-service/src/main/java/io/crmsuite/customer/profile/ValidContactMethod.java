package io.crmsuite.customer.profile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.crmsuite.platform.contact.ContactFormats;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The value of a contact method fits its type: an e-mail address for EMAIL, an E.164 number for PHONE/MOBILE. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidContactMethod.Validator.class)
public @interface ValidContactMethod {

    String message() default "invalid contact value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidContactMethod, ContactMethod> {

        @Override
        public boolean isValid(ContactMethod method, ConstraintValidatorContext context) {
            if (method == null || method.type() == null || method.value() == null) {
                return true; // @NotNull / @NotBlank report these
            }
            String problem = switch (method.type()) {
                case EMAIL -> ContactFormats.isEmail(method.value()) ? null : ContactFormats.EMAIL_HINT;
                case PHONE, MOBILE -> ContactFormats.isPhone(method.value()) ? null : ContactFormats.PHONE_HINT;
                case OTHER -> null;
            };
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addPropertyNode("value").addConstraintViolation();
            return false;
        }
    }
}
