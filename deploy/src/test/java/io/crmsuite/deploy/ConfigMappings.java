package io.crmsuite.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property names a {@code @ConfigMapping} interface declares, read from its source: the prefix, then one
 * segment per method in kebab case (SmallRye's default naming), groups (nested interfaces) adding their methods
 * below, and a {@code Map<String, ...>} adding a segment for its key, written {@code *}. Enough for the mappings of
 * this repository; a construct it does not know ({@code @WithParentName}, lists of groups) is refused rather than
 * guessed, so a test fails instead of accepting a wrong name.
 */
final class ConfigMappings {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\\b(interface|enum|class|record)\\s+(\\w+)[^{;]*\\{");
    private static final Pattern METHOD = Pattern.compile("^(.+?)\\s+(\\w+)\\s*\\(\\s*\\)$", Pattern.DOTALL);
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(\\s*\\((?:[^()\"]|\"[^\"]*\")*\\))?");
    private static final Pattern MAP = Pattern.compile("Map<\\s*String\\s*,\\s*(.+)>");
    private static final Pattern COLLECTION = Pattern.compile("(?:List|Set)<\\s*(.+)>");

    private ConfigMappings() {
    }

    /** The names the file's mapping declares, e.g. crm.sla.default-target, crm.sla.policies.*.target; empty if none. */
    static List<String> names(String javaSource) {
        String source = withoutComments(javaSource);
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            return List.of();
        }
        Map<String, String> interfaces = new HashMap<>();
        Matcher type = TYPE.matcher(source);
        while (type.find()) {
            if (type.group(1).equals("interface")) {
                int open = type.end() - 1;
                interfaces.put(type.group(2), source.substring(open + 1, closing(source, open)));
            }
        }
        Matcher root = TYPE.matcher(source);
        if (!root.find(mapping.end()) || !root.group(1).equals("interface")) {
            throw new IllegalStateException("@ConfigMapping on something other than an interface");
        }
        List<String> names = new ArrayList<>();
        collect(mapping.group(1), interfaces.get(root.group(2)), interfaces, names, 0);
        return names;
    }

    private static void collect(String prefix, String body, Map<String, String> interfaces, List<String> names,
            int depth) {
        if (depth > 10) {
            throw new IllegalStateException("groups nested deeper than 10 under " + prefix);
        }
        for (String member : members(body)) {
            if (member.contains("@WithParentName")) {
                throw new IllegalStateException("@WithParentName is not modelled: " + member);
            }
            Matcher withName = WITH_NAME.matcher(member);
            Optional<String> explicitName = withName.find() ? Optional.of(withName.group(1)) : Optional.empty();
            String declaration = ANNOTATION.matcher(member).replaceAll(" ").trim();
            if (declaration.startsWith("static ") || declaration.contains("=") || declaration.startsWith("default ")) {
                continue; // a constant or a default method: no property
            }
            Matcher method = METHOD.matcher(declaration);
            if (!method.matches()) {
                continue; // a method with parameters: no property
            }
            String typeName = method.group(1).replaceAll("\\s+", "");
            String name = prefix + "." + explicitName.orElse(kebab(method.group(2)));
            Matcher optional = Pattern.compile("Optional<(.+)>").matcher(typeName);
            if (optional.matches()) {
                typeName = optional.group(1);
            }
            Matcher map = MAP.matcher(typeName);
            Matcher collection = COLLECTION.matcher(typeName);
            if (map.matches()) {
                String valueType = map.group(1);
                if (interfaces.containsKey(valueType)) {
                    collect(name + ".*", interfaces.get(valueType), interfaces, names, depth + 1);
                } else {
                    names.add(name + ".*");
                }
            } else if (collection.matches() && interfaces.containsKey(collection.group(1))) {
                throw new IllegalStateException("a list of groups is not modelled: " + name);
            } else if (interfaces.containsKey(typeName)) {
                collect(name, interfaces.get(typeName), interfaces, names, depth + 1);
            } else {
                names.add(name);
            }
        }
    }

    /** The member declarations at the top level of an interface body; nested types and method bodies left out. */
    private static List<String> members(String body) {
        List<String> members = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                int end = endOfString(body, i);
                current.append(body, i, end + 1);
                i = end;
            } else if (c == '{') {
                i = closing(body, i); // a nested type or a default method: what came before it is not a member
                current.setLength(0);
            } else if (c == ';') {
                members.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return members;
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static int endOfString(String text, int quote) {
        for (int i = quote + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        throw new IllegalStateException("unterminated string");
    }

    /** The source without comments (string literals kept as they are, so "http://x" stays). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = endOfString(source, i);
                out.append(source, i, end + 1);
                i = end;
            } else if (c == '\'' && i + 2 < source.length()) {
                int end = source.charAt(i + 1) == '\\' ? source.indexOf('\'', i + 3) : i + 2;
                out.append(source, i, end + 1);
                i = end;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i) - 1;
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** SmallRye's default naming of a mapping method: defaultTarget -> default-target. */
    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
