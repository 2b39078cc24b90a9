package io.crmsuite.customer.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.crmsuite.platform.contact.ContactFormats;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One way to reach the customer; e-mail and phone values are validated by {@link ValidContactMethod}. */
@ValidContactMethod
public record ContactMethod(@NotNull Type type, @NotBlank @Size(max = 254) String value, Boolean preferred) {

    public enum Type {
        EMAIL,
        PHONE,
        MOBILE,
        OTHER
    }

    /** The form used for search: lower-case e-mail, phone digits with the leading +. */
    @JsonIgnore
    public String normalized() {
        return switch (type) {
            case EMAIL -> ContactFormats.normalizeEmail(value);
            case PHONE, MOBILE -> ContactFormats.normalizePhone(value);
            case OTHER -> value.trim();
        };
    }

    @JsonIgnore
    public boolean isEmail() {
        return type == Type.EMAIL;
    }

    @JsonIgnore
    public boolean isPhone() {
        return type == Type.PHONE || type == Type.MOBILE;
    }
}
