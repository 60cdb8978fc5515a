package dev.dispatcher.store.identify;

import java.util.Arrays;

/**
 * TLSH, Trend Micro's locality-sensitive hash, in its standard form: 128 buckets, a one-byte checksum,
 * a sliding window of five bytes, printed as {@code T1} and 70 hex digits. Fed in pieces with
 * {@link #update}, so a file is hashed in the same pass as its other digests.
 *
 * <p>Written from the published algorithm (Oliver, Cheng and Chen, 2013); the Pearson table, the six
 * window triplets and their salts, the quartile coding and the length classes are the reference
 * implementation's constants (TLSH 4.x), so the digests are the ones its {@code tlsh} tool prints.
 * The tests compare them with Debian's {@code tlsh-tools}.
 */
public final class Tlsh {

    /** Fewest bytes that get a digest (the reference's {@code MIN_DATA_LENGTH}). */
    public static final int MIN_LENGTH = 50;

    /** The reference keeps the length in 32 bits; longer inputs get no digest. */
    public static final long MAX_LENGTH = 0xFFFFFFFFL;

    private static final int BUCKETS = 128;
    private static final int CODE_SIZE = BUCKETS / 4;

    /** Pearson's table of a random permutation of 0..255 (the reference's {@code v_table}). */
    private static final int[] V = {
        1, 87, 49, 12, 176, 178, 102, 166, 121, 193, 6, 84, 249, 230, 44, 163,
        14, 197, 213, 181, 161, 85, 218, 80, 64, 239, 24, 226, 236, 142, 38, 200,
        110, 177, 104, 103, 141, 253, 255, 50, 77, 101, 81, 18, 45, 96, 31, 222,
        25, 107, 190, 70, 86, 237, 240, 34, 72, 242, 20, 214, 244, 227, 149, 235,
        97, 234, 57, 22, 60, 250, 82, 175, 208, 5, 127, 199, 111, 62, 135, 248,
        174, 169, 211, 58, 66, 154, 106, 195, 245, 171, 17, 187, 182, 179, 0, 243,
        132, 56, 148, 75, 128, 133, 158, 100, 130, 126, 91, 13, 153, 246, 216, 219,
        119, 68, 223, 78, 83, 88, 201, 99, 122, 11, 92, 32, 136, 114, 52, 10,
        138, 30, 48, 183, 156, 35, 61, 26, 143, 74, 251, 94, 129, 162, 63, 152,
        170, 7, 115, 167, 241, 206, 3, 150, 55, 59, 151, 220, 90, 53, 23, 131,
        125, 173, 15, 238, 79, 95, 89, 16, 105, 137, 225, 224, 217, 160, 37, 123,
        118, 73, 2, 157, 46, 116, 9, 145, 134, 228, 207, 212, 202, 215, 69, 229,
        27, 188, 67, 124, 168, 252, 42, 4, 29, 108, 21, 247, 19, 205, 39, 203,
        233, 40, 186, 147, 198, 192, 155, 33, 164, 191, 98, 204, 165, 180, 117, 76,
        140, 36, 210, 172, 41, 54, 159, 8, 185, 232, 113, 196, 231, 47, 146, 120,
        51, 65, 28, 144, 254, 221, 93, 189, 194, 139, 112, 43, 71, 109, 184, 209,
    };

    /** Upper bound of each length class (the reference's {@code topval}); a length's class is its index here. */
    private static final long[] LENGTH_CLASSES = {
        1, 2, 3, 5, 7, 11, 17, 25, 38, 57, 86, 129, 194, 291, 437, 656, 854, 1110, 1443, 1876, 2439, 3171, 3475,
        3823, 4205, 4626, 5088, 5597, 6157, 6772, 7450, 8195, 9014, 9916, 10907, 11998, 13198, 14518, 15970,
        17567, 19323, 21256, 23382, 25720, 28292, 31121, 34233, 37656, 41422, 45564, 50121, 55133, 60646, 66711,
        73382, 80721, 88793, 97672, 107439, 118183, 130002, 143002, 157302, 173032, 190335, 209369, 230306,
        253337, 278670, 306538, 337191, 370911, 408002, 448802, 493682, 543050, 597356, 657091, 722800, 795081,
        874589, 962048, 1058252, 1164078, 1280486, 1408534, 1549388, 1704327, 1874759, 2062236, 2268459,
        2495305, 2744836, 3019320, 3321252, 3653374, 4018711, 4420582, 4862641, 5348905, 5883796, 6472176,
        7119394, 7831333, 8614467, 9475909, 10423501, 11465851, 12612437, 13873681, 15261050, 16787154,
        18465870, 20312458, 22343706, 24578077, 27035886, 29739474, 32713425, 35984770, 39583245, 43541573,
        47895730, 52685306, 57953837, 63749221, 70124148, 77136564, 84850228, 93335252, 102668779, 112935659,
        124229227, 136652151, 150317384, 165349128, 181884040, 200072456, 220079703, 242087671, 266296456,
        292926096, 322218735, 354440623, 389884688, 428873168, 471760495, 518936559, 570830240, 627913311,
        690704607, 759775136, 835752671, 919327967, 1011260767, 1112386880, 1223623232, 1345985727,
        1480584256, 1628642751, 1791507135, 1970657856, 2167723648L, 2384496256L, 2622945920L, 2885240448L,
        3173764736L, 3491141248L, 3840255616L, 4224281216L,
    };

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** 256 counters as in the reference; only the first 128 make the digest. */
    private final int[] buckets = new int[256];
    private int w1;
    private int w2;
    private int w3;
    private int w4;
    private int checksum;
    private long length;

    /** Adds {@code len} bytes of {@code data} from {@code off}. */
    public void update(byte[] data, int off, int len) {
        int[] bucket = buckets;
        int a1 = w1;
        int a2 = w2;
        int a3 = w3;
        int a4 = w4;
        int check = checksum;
        int end = off + len;
        int i = off;
        // The first four bytes of the input only fill the window.
        for (; i < end && length < 4; i++, length++) {
            a4 = a3;
            a3 = a2;
            a2 = a1;
            a1 = data[i] & 0xFF;
        }
        int full = i;
        // Each triplet is three Pearson steps from its salt (V[0], V[2], V[3], V[5], V[7], V[11], V[13]), every
        // lookup in V: 1 KB, which stays in L1. Tables of the first two steps for every pair of bytes (7 × 64 KB)
        // saved a lookup per triplet but left L1 on each: TLSH alone did 53.9 MB/s with them, 88.5 without
        // (the store benchmark's hashing phase).
        int[] v = V;
        for (; i < end; i++) {
            int a0 = data[i] & 0xFF;
            check = v[v[v[1 ^ a0] ^ a1] ^ check];
            bucket[v[v[v[49 ^ a0] ^ a1] ^ a2]]++;
            bucket[v[v[v[12 ^ a0] ^ a1] ^ a3]]++;
            bucket[v[v[v[178 ^ a0] ^ a2] ^ a3]]++;
            bucket[v[v[v[166 ^ a0] ^ a2] ^ a4]]++;
            bucket[v[v[v[84 ^ a0] ^ a1] ^ a4]]++;
            bucket[v[v[v[230 ^ a0] ^ a3] ^ a4]]++;
            a4 = a3;
            a3 = a2;
            a2 = a1;
            a1 = a0;
        }
        length += end - full;
        w1 = a1;
        w2 = a2;
        w3 = a3;
        w4 = a4;
        checksum = check;
    }

    /**
     * The digest, {@code T1} and 70 hex digits, or {@code null} when the input is shorter than
     * {@link #MIN_LENGTH}, longer than {@link #MAX_LENGTH} or too uniform (half the buckets or more empty),
     * as the reference decides.
     */
    public String digest() {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return null;
        }
        long[] sorted = new long[BUCKETS];
        int nonZero = 0;
        for (int i = 0; i < BUCKETS; i++) {
            sorted[i] = Integer.toUnsignedLong(buckets[i]);
            if (buckets[i] != 0) {
                nonZero++;
            }
        }
        Arrays.sort(sorted);
        long q1 = sorted[BUCKETS / 4 - 1];
        long q2 = sorted[BUCKETS / 2 - 1];
        long q3 = sorted[BUCKETS - BUCKETS / 4 - 1];
        if (q3 == 0 || nonZero <= BUCKETS / 2) {
            return null;
        }
        StringBuilder out = new StringBuilder(72).append("T1");
        hex(out, swap(checksum));
        hex(out, swap(lengthClass(length) & 0xFF));
        hex(out, swap(ratio(q1, q3) | (ratio(q2, q3) << 4)));
        for (int i = CODE_SIZE - 1; i >= 0; i--) {
            int code = 0;
            for (int j = 0; j < 4; j++) {
                long count = Integer.toUnsignedLong(buckets[4 * i + j]);
                int quartile = count > q3 ? 3 : count > q2 ? 2 : count > q1 ? 1 : 0;
                code |= quartile << (j * 2);
            }
            hex(out, code);
        }
        return out.toString();
    }

    /** Bytes seen so far. */
    public long length() {
        return length;
    }

    /** The digest of a whole array. */
    public static String of(byte[] data) {
        Tlsh tlsh = new Tlsh();
        tlsh.update(data, 0, data.length);
        return tlsh.digest();
    }

    /** The reference computes {@code (unsigned) ((float) (q * 100) / (float) q3) % 16} in 32-bit arithmetic. */
    private static int ratio(long q, long q3) {
        long scaled = (q * 100) & 0xFFFFFFFFL;
        return ((int) ((float) scaled / (float) q3)) % 16;
    }

    static int lengthClass(long length) {
        int low = 0;
        int high = LENGTH_CLASSES.length - 1;
        if (length > LENGTH_CLASSES[high]) {
            return LENGTH_CLASSES.length;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (length <= LENGTH_CLASSES[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static int swap(int b) {
        return ((b >> 4) & 0x0F) | ((b << 4) & 0xF0);
    }

    private static void hex(StringBuilder out, int b) {
        out.append(HEX[(b >> 4) & 0x0F]).append(HEX[b & 0x0F]);
    }
}
