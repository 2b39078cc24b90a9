package io.crmsuite.customer.profile;

import java.util.regex.Pattern;

/** Phone numbers in E.164 (+ then 8 to 15 digits); spaces, dots, dashes and brackets are tolerated on input. */
public final class Phones {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()\\-]");

    private Phones() {
    }

    public static String normalize(String phone) {
        return SEPARATORS.matcher(phone.trim()).replaceAll("");
    }

    public static boolean isValid(String phone) {
        return phone != null && E164.matcher(normalize(phone)).matches();
    }
}
