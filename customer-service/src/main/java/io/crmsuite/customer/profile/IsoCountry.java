package io.crmsuite.customer.profile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A country code that ISO 3166-1 assigns (the JDK's list), not merely two capital letters: {@code XX} or {@code UK}
 * would be stored, exported and grouped by as if they were countries. The shape is left to {@code @Pattern}, so that
 * a wrong shape is reported once.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCountry.Validator.class)
public @interface IsoCountry {

    String message() default "must be an ISO 3166-1 alpha-2 code such as BR that is assigned to a country";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoCountry, String> {

        private static final Set<String> ASSIGNED = Set.of(Locale.getISOCountries());

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            if (code == null || !code.matches("^[A-Z]{2}$")) {
                return true; // @NotBlank / @Pattern report these
            }
            return ASSIGNED.contains(code);
        }
    }
}
