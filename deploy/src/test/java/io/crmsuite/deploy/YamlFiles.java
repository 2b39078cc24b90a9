package io.crmsuite.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML files into {@link Doc}s: every document of a file, plain data only (no custom tags). */
final class YamlFiles {

    private YamlFiles() {
    }

    @SuppressWarnings("unchecked")
    static List<Doc> load(Path file) {
        List<Doc> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            int index = 0;
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                index++;
                if (document == null) {
                    continue; // an empty document, e.g. after a trailing ---
                }
                if (!(document instanceof Map)) {
                    throw new IllegalStateException(file + " document " + index + " is not a mapping");
                }
                docs.add(new Doc(Repository.ROOT.relativize(file.toAbsolutePath()) + "#" + index,
                        (Map<String, Object>) document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static Doc loadOne(Path file) {
        List<Doc> docs = load(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " holds " + docs.size() + " documents, not one");
        }
        return docs.get(0);
    }

    /** Documents from YAML text (tests that check a broken manifest). */
    @SuppressWarnings("unchecked")
    static List<Doc> parse(String name, String yaml) {
        List<Doc> docs = new ArrayList<>();
        int index = 0;
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            index++;
            if (document != null) {
                docs.add(new Doc(name + "#" + index, (Map<String, Object>) document));
            }
        }
        return docs;
    }
}
