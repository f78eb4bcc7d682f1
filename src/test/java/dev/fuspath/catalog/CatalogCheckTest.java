package dev.fuspath.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog folder that is valid JSON but wrong inside is refused whole, naming the file, entry and problem. */
class CatalogCheckTest {

    @TempDir
    Path dir;

    @Test
    void theCommittedCatalogPasses() throws IOException {
        Catalog c = CatalogFiles.read(DamagedCatalogs.COMMITTED);
        assertEquals(37, c.releases().size());
        assertEquals(37, CatalogFiles.readClasspath(getClass().getClassLoader()).releases().size());
    }

    @Test
    void eachDamagedFormIsRefusedWithFileEntryAndProblem() throws IOException {
        for (Map.Entry<String, Map.Entry<DamagedCatalogs.Damage, String>> damage : DamagedCatalogs.all().entrySet()) {
            DamagedCatalogs.copyCommitted(dir);
            damage.getValue().getKey().apply(dir);
            IOException e = assertThrows(IOException.class, () -> CatalogFiles.read(dir), damage.getKey());
            assertEquals(damage.getValue().getValue(), e.getMessage(), damage.getKey());
        }
    }
}
