package dev.fuspath.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The anomaly codes are one set: the enum, the README's table and openapi.yaml's Anomaly.code list the same. */
class AnomalyCodesDocumentedTest {

    private static Set<String> enumCodes() {
        return Arrays.stream(AnomalyCode.values()).map(AnomalyCode::code).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void readmeTableListsEveryCodeAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Anomalies");
        int table = readme.indexOf("| code | meaning |", start);
        int end = readme.indexOf("\n\n", table);
        Set<String> documented = new TreeSet<>();
        for (String row : readme.substring(table, end).split("\n")) {
            String first = row.split("\\|", -1).length > 1 ? row.split("\\|", -1)[1] : "";
            Matcher m = Pattern.compile("`([a-z0-9-]+)`").matcher(first);
            while (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertEquals(enumCodes(), documented, "README.md's Anomalies table against AnomalyCode");
    }

    @Test
    void openApiListsEveryCodeAndNoOther() throws Exception {
        JsonNode spec = new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile());
        JsonNode list = spec.at("/components/schemas/Anomaly/properties/code/enum");
        Set<String> documented = new TreeSet<>();
        list.forEach(n -> documented.add(n.asText()));
        assertEquals(enumCodes(), documented, "openapi.yaml's Anomaly.code enum against AnomalyCode");
    }

    @Test
    void everyCodeTheBundledCatalogHoldsIsKnown() throws Exception {
        Catalog catalog = CatalogFiles.readClasspath(getClass().getClassLoader());
        for (Anomaly a : catalog.anomalies()) {
            assertEquals(true, AnomalyCode.of(a.code()).isPresent(), a.code() + " of " + a.tag() + " is no AnomalyCode");
        }
    }
}
