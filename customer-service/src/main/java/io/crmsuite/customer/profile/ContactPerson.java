package io.crmsuite.customer.profile;

import io.crmsuite.platform.text.FreeText;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Somebody at the customer the company deals with, and how they like to be dealt with. */
public record ContactPerson(@NotBlank @Size(max = 200) String name, @Size(max = 100) String role,
        @Size(max = 1000) @FreeText String preferences, @Size(max = 10) List<@Valid ContactMethod> contactMethods) {
}
