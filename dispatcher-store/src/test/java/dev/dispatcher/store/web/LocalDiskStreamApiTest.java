package dev.dispatcher.store.web;

import dev.dispatcher.common.testing.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.test.context.SpringBootTest;

/** The streams API on the local-disk backend (the embedded default). */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=store-local", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.store.backend=local", "dispatcher.store.local.root=" + LocalDiskStreamApiTest.ROOT,
        "dispatcher.store.spool-dir=target/store-test/local/spool", "dispatcher.store.max-size=4MiB"})
class LocalDiskStreamApiTest extends StreamApiContract {

    static final String ROOT = "target/store-test/local/blobs";

    /** Every file below the prefix, named by its key: {@code <source>/<label>/<aa>/<bb>/<sha256>} → {@code <source>/<label>/<sha256>}. */
    @Override
    List<String> objectsUnder(String prefix) throws IOException {
        Path root = Path.of(ROOT);
        Path under = root.resolve(prefix);
        if (!Files.exists(under)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(Files::isRegularFile).map(file -> {
                Path relative = root.relativize(file);
                // Anything that is not a sharded blob (a temporary file left behind) shows up under its own path.
                return relative.getNameCount() == 5
                        ? relative.getName(0) + "/" + relative.getName(1) + "/" + relative.getName(4)
                        : relative.toString();
            }).sorted().toList();
        }
    }
}
