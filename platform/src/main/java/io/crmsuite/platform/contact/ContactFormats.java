package io.crmsuite.platform.contact;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail and phone formats, shared so that a customer registered with {@code +55 11 98765-4321} and a complaint
 * posted with {@code +5511987654321} are recognised as the same person. Phones are E.164: + then 8 to 15 digits;
 * spaces, dots, dashes and brackets are tolerated on input.
 */
public final class ContactFormats {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()\\-]");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}$");

    public static final String PHONE_HINT = "not a phone number in international form, e.g. +5511987654321";
    public static final String EMAIL_HINT = "not an e-mail address (name@domain.tld)";

    private ContactFormats() {
    }

    public static String normalizePhone(String phone) {
        return SEPARATORS.matcher(phone.trim()).replaceAll("");
    }

    public static boolean isPhone(String phone) {
        return phone != null && E164.matcher(normalizePhone(phone)).matches();
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isEmail(String email) {
        return email != null && EMAIL.matcher(email.trim()).matches();
    }
}
