package dev.dispatcher.store.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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

    /**
     * TLSH and ssdeep on their own threads (from the first byte, small buffers, a ring of two so that the
     * caller waits for them often) give what each digest computed separately gives, however the input is cut.
     */
    @ParameterizedTest(name = "{0} bytes on the digest threads")
    @ValueSource(ints = {1, 4095, 4096, 65_537, 1_000_003, 5_000_000})
    void digestThreadsGiveWhatEachDigestGivesAlone(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        for (int i = 0; i < size / 3; i++) {
            data[i] = (byte) "text-like prefix ".charAt(i % 17);
        }
        Digests.Result alone = separately(data);
        for (int piece : new int[] {1 << 18, 65_536, 4093, 7}) {
            if (piece == 7 && size > 100_000) {
                continue;
            }
            for (int[] ring : new int[][] {{1000, 2}, {4096, 1}, {Digests.CHUNK, Digests.BUFFERS}}) {
                Digests.Result threaded = hash(data, piece, new Digests(0, ring[0], ring[1]));
                assertThat(threaded).as("pieces of %d, ring of %d x %d", piece, ring[1], ring[0]).isEqualTo(alone);
            }
            // The default: the caller's thread up to CONCURRENT_FROM bytes, the digest threads after that.
            assertThat(hash(data, piece)).as("pieces of %d, default", piece).isEqualTo(alone);
        }
    }

    @Test
    void closingWithoutFinishingEndsTheDigestThreads() {
        byte[] data = new byte[3 * Digests.CHUNK + 17];
        new Random(3).nextBytes(data);
        for (int round = 0; round < 3; round++) {
            Digests digests = new Digests(0, 4096, 2);
            for (int off = 0; off < data.length; off += 65_536) {
                digests.update(data, off, Math.min(65_536, data.length - off));
            }
            assertThat(digestThreads()).as("threads while hashing").isEqualTo(2);
            digests.close();
            assertThat(digestThreads()).as("threads once closed, unfinished").isZero();
            digests.close();
        }
        Digests finished = new Digests(0, 4096, 2);
        finished.update(data, 0, data.length);
        finished.finish();
        assertThat(digestThreads()).as("threads once finished").isZero();
        finished.close();
        assertThat(digestThreads()).isZero();
    }

    @Test
    void smallInputsStartNoThreads() {
        try (Digests digests = new Digests()) {
            byte[] data = new byte[Digests.CONCURRENT_FROM];
            new Random(4).nextBytes(data);
            digests.update(data, 0, data.length);
            assertThat(digestThreads()).isZero();
            assertThat(digests.finish().tlsh()).isEqualTo(Tlsh.of(data));
        }
    }

    private static long digestThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("digests-") && t.isAlive())
                .count();
    }

    /** Each digest on its own, on this thread, over the whole array at once. */
    private static Digests.Result separately(byte[] data) throws Exception {
        HexFormat hex = HexFormat.of();
        String ssdeep = null;
        if (data.length >= Ssdeep.MIN_LENGTH) {
            try (Ssdeep fuzzy = new Ssdeep()) {
                fuzzy.update(data, 0, data.length);
                ssdeep = fuzzy.digest();
            }
        }
        return new Digests.Result(data.length,
                hex.formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
                hex.formatHex(MessageDigest.getInstance("SHA-512").digest(data)),
                hex.formatHex(MessageDigest.getInstance("SHA-1").digest(data)),
                hex.formatHex(MessageDigest.getInstance("MD5").digest(data)),
                ssdeep,
                Tlsh.of(data));
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
        return hash(data, chunk, new Digests());
    }

    static Digests.Result hash(byte[] data, int chunk, Digests fresh) {
        try (Digests digests = fresh) {
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
