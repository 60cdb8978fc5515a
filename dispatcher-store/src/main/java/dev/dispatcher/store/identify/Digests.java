package dev.dispatcher.store.identify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every digest of a file in one pass: size, SHA-256, SHA-512, SHA-1, MD5, ssdeep and TLSH, fed with the
 * same buffers as they are read. ssdeep is reported only from {@link Ssdeep#MIN_LENGTH} bytes and TLSH only
 * from {@link Tlsh#MIN_LENGTH} bytes (and only when the input varies enough for one). Close after use:
 * the ssdeep state lives in native memory.
 */
public final class Digests implements AutoCloseable {

    /** The digests of one file. */
    public record Result(long size, String sha256, String sha512, String sha1, String md5, String ssdeep,
                         String tlsh) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha512 = digest("SHA-512");
    private final MessageDigest sha1 = digest("SHA-1");
    private final MessageDigest md5 = digest("MD5");
    private final Tlsh tlsh = new Tlsh();
    private final Ssdeep ssdeep = new Ssdeep();
    private long size;

    /** Adds {@code len} bytes of {@code data} from {@code off}. */
    public void update(byte[] data, int off, int len) {
        sha256.update(data, off, len);
        sha512.update(data, off, len);
        sha1.update(data, off, len);
        md5.update(data, off, len);
        tlsh.update(data, off, len);
        ssdeep.update(data, off, len);
        size += len;
    }

    /** Bytes seen so far. */
    public long size() {
        return size;
    }

    /** The digests of everything fed so far; call once. */
    public Result finish() {
        return new Result(size,
                HEX.formatHex(sha256.digest()),
                HEX.formatHex(sha512.digest()),
                HEX.formatHex(sha1.digest()),
                HEX.formatHex(md5.digest()),
                size >= Ssdeep.MIN_LENGTH ? ssdeep.digest() : null,
                tlsh.digest());
    }

    @Override
    public void close() {
        ssdeep.close();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
