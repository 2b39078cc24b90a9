package io.crmsuite.customer.profile;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A postal address; {@code country} is an assigned ISO 3166-1 alpha-2 code ({@link IsoCountry}). */
public record Address(@NotNull Type type, @NotBlank @Size(max = 200) String line1, @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city, @Size(max = 100) String state, @Size(max = 20) String postalCode,
        @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as BR") @IsoCountry
        String country) {

    public enum Type {
        BILLING,
        SHIPPING,
        OFFICE,
        HOME,
        OTHER
    }
}
