package dev.dispatcher.store.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass digests equal the reference tools' output, however the input is cut into pieces. */
class DigestsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} random bytes")
    @ValueSource(ints = {256, 257, 1000, 4095, 4096, 4097, 65_536, 100_003, 1_048_576, 3_000_001})
    void randomBytesMatchTheTools(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        assertMatchesTools(write("random-" + size, data));
    }

    @ParameterizedTest(name = "{0} bytes of text")
    @ValueSource(ints = {300, 5000, 70_000, 2_500_000})
    void textMatchesTheTools(int size) throws IOException {
        StringBuilder text = new StringBuilder();
        Random random = new Random(size);
        String[] words = {"alpha", "beta", "gamma", "delta", "kafka", "store", "plugin", "\n", "event", "0x41"};
        while (text.length() < size) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        assertMatchesTools(write("text-" + size, text.substring(0, size).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void machineExecutablesMatchTheTools() throws IOException {
        for (String binary : new String[] {"/bin/ls", "/bin/sh", "/usr/bin/env"}) {
            Path path = Path.of(binary).toRealPath();
            assertMatchesTools(path);
        }
    }

    @Test
    void shortAndUniformInputsGetNoFuzzyHashes() {
        byte[] small = new byte[49];
        new Random(1).nextBytes(small);
        assertThat(hash(small, 7).tlsh()).as("under 50 bytes").isNull();
        assertThat(hash(small, 7).ssdeep()).as("under 4096 bytes").isNull();
        assertThat(hash(new byte[10_000], 1000).tlsh()).as("all zero bytes vary too little").isNull();
        assertThat(hash(new byte[10_000], 1000).ssdeep()).isNotNull();
        byte[] fifty = new byte[50];
        new Random(2).nextBytes(fifty);
        assertThat(hash(fifty, 50).tlsh()).as("50 varied bytes").matches("T1[0-9A-F]{70}");
    }

    @Test
    void emptyInputHasTheWellKnownDigests() {
        Digests.Result empty = hash(new byte[0], 1);
        assertThat(empty.size()).isZero();
        assertThat(empty.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(empty.md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    private void assertMatchesTools(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        for (int chunk : new int[] {1 << 16, 4093, 1}) {
            if (chunk == 1 && data.length > 200_000) {
                continue;
            }
            Digests.Result result = hash(data, chunk);
            String what = file.getFileName() + " in pieces of " + chunk;
            assertThat(result.size()).as(what).isEqualTo(data.length);
            assertThat(result.sha256()).as(what).isEqualTo(ReferenceTools.sha256sum(file));
            assertThat(result.sha512()).as(what).isEqualTo(ReferenceTools.sha512sum(file));
            assertThat(result.sha1()).as(what).isEqualTo(ReferenceTools.sha1sum(file));
            assertThat(result.md5()).as(what).isEqualTo(ReferenceTools.md5sum(file));
            assertThat(result.ssdeep()).as(what).isEqualTo(data.length >= 4096 ? ReferenceTools.ssdeep(file) : null);
            assertThat(result.tlsh()).as(what).isNotNull().isEqualTo(ReferenceTools.tlsh(file));
        }
    }

    static Digests.Result hash(byte[] data, int chunk) {
        try (Digests digests = new Digests()) {
            for (int off = 0; off < data.length; off += chunk) {
                digests.update(data, off, Math.min(chunk, data.length - off));
            }
            return digests.finish();
        }
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

}
