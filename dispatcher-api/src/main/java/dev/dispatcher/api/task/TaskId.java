package dev.dispatcher.api.task;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;

/**
 * The {@code dequeued} id of an active task: Azul's {@code <kafka_key>.<plugin>.<version>.<unix seconds>}
 * followed by {@code .a<attempt>-<8 hex>}, so that every hand-out of an event, even two in the same
 * second, has an id of its own. Plugins treat it as opaque and echo it in {@code entity.input.dequeued}.
 */
public final class TaskId {

    private static final Pattern FORM = Pattern.compile(".+\\.\\d+\\.a[1-9]\\d{0,8}-[0-9a-f]{8}");

    private TaskId() {
    }

    /** A new id for one hand-out. */
    public static String make(String kafkaKey, String plugin, String version, int attempt, long epochSeconds) {
        String nonce = Integer.toHexString(ThreadLocalRandom.current().nextInt());
        return kafkaKey + "." + plugin + "." + version + "." + epochSeconds + ".a" + attempt + "-"
                + "0".repeat(8 - nonce.length()) + nonce;
    }

    /** Whether {@code id} is of the form this dispatcher hands out. */
    public static boolean wellFormed(String id) {
        return id != null && id.length() <= 4096 && FORM.matcher(id).matches();
    }

    /** The attempt an id was handed out as. */
    public static int attempt(String id) {
        int a = id.lastIndexOf(".a");
        return Integer.parseInt(id, a + 2, id.lastIndexOf('-'), 10);
    }

    /** The tracking topic's partition that holds everything about the task: its record, heartbeats, end. */
    static int partition(String id, int partitions) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
