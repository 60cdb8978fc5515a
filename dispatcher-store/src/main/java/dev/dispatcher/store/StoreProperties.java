package dev.dispatcher.store;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The streams API and where it keeps blobs ({@code dispatcher.store.*}; docs/configuration.md). */
@ConfigurationProperties("dispatcher.store")
public class StoreProperties {

    /** Where blobs live. */
    public enum Backend {
        /** S3 when {@code dispatcher.store.s3.endpoint} is set, else local disk. */
        AUTO,
        /** Files under {@code dispatcher.store.local.root}. */
        LOCAL,
        /** An S3 bucket (AWS, MinIO, Ceph, S3Proxy, ...). */
        S3
    }

    /** Which backend keeps the blobs. */
    private Backend backend = Backend.AUTO;

    /** Largest upload, enforced while the body streams in (not only from Content-Length); larger gets 413. */
    private DataSize maxSize = DataSize.ofGigabytes(1);

    /** Whether {@code DELETE /api/v3/stream/...} removes blobs; when off it answers 405. */
    private boolean allowDelete = true;

    /** Folder for uploads being received; each is deleted once stored or refused. */
    private Path spoolDir = Path.of(System.getProperty("java.io.tmpdir"), "dispatcher-store-spool");

    /** Most files identified by libmagic at once (one pair of libmagic handles each). */
    private int identifyConcurrency = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** How much of a file libmagic reads (its own default, as {@code file} uses). */
    private DataSize magicBytesMax = DataSize.ofMegabytes(7);

    /** How long an upload or delete waits for Kafka to acknowledge its store event before answering 503. */
    private Duration eventTimeout = Duration.ofSeconds(10);

    private final Local local = new Local();

    private final S3 s3 = new S3();

    /** The local-disk backend. */
    public static class Local {
        /** Root folder; blobs go to {@code <source>/<label>/<sha256[0..2]>/<sha256[2..4]>/<sha256>} below it. */
        private Path root = Path.of("store-data");

        public Path getRoot() {
            return root;
        }

        public void setRoot(Path root) {
            this.root = root;
        }
    }

    /** The S3 backend; {@code DISPATCHER_STORE_S3_ENDPOINT}, {@code _ACCESS_KEY}, {@code _SECRET_KEY}, {@code _SECURE} set the first four. */
    public static class S3 {
        /** Endpoint, {@code host:port} or a URL; empty means AWS's regional endpoint. */
        private String endpoint = "";

        /** Access key id; empty means the default AWS credential chain (environment, profile, instance role). */
        private String accessKey = "";

        /** Secret access key. */
        private String secretKey = "";

        /** Whether an endpoint given without a scheme is reached over HTTPS. */
        private boolean secure = false;

        /** Bucket holding every blob; created at startup when missing. */
        private String bucket = "dispatcher";

        /** Region to sign requests for. */
        private String region = "us-east-1";

        /** Path-style addressing ({@code endpoint/bucket/key}), which MinIO and most S3-compatible servers want. */
        private boolean pathStyle = true;

        /** Uploads larger than this go up in parts (multipart upload). */
        private DataSize multipartThreshold = DataSize.ofMegabytes(64);

        /** Size of each part of a multipart upload (S3's minimum is 5 MiB). */
        private DataSize partSize = DataSize.ofMegabytes(16);

        /** Time allowed for one S3 call (a part or a whole small object). */
        private Duration callTimeout = Duration.ofMinutes(5);

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getAccessKey() {
            return accessKey;
        }

        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        public boolean isSecure() {
            return secure;
        }

        public void setSecure(boolean secure) {
            this.secure = secure;
        }

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public boolean isPathStyle() {
            return pathStyle;
        }

        public void setPathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
        }

        public DataSize getMultipartThreshold() {
            return multipartThreshold;
        }

        public void setMultipartThreshold(DataSize multipartThreshold) {
            this.multipartThreshold = multipartThreshold;
        }

        public DataSize getPartSize() {
            return partSize;
        }

        public void setPartSize(DataSize partSize) {
            this.partSize = partSize;
        }

        public Duration getCallTimeout() {
            return callTimeout;
        }

        public void setCallTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
        }
    }

    /** The backend in use after {@link Backend#AUTO} is resolved. */
    public Backend resolvedBackend() {
        if (backend != Backend.AUTO) {
            return backend;
        }
        return s3.getEndpoint() == null || s3.getEndpoint().isBlank() ? Backend.LOCAL : Backend.S3;
    }

    public Backend getBackend() {
        return backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public DataSize getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(DataSize maxSize) {
        this.maxSize = maxSize;
    }

    public boolean isAllowDelete() {
        return allowDelete;
    }

    public void setAllowDelete(boolean allowDelete) {
        this.allowDelete = allowDelete;
    }

    public Path getSpoolDir() {
        return spoolDir;
    }

    public void setSpoolDir(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    public int getIdentifyConcurrency() {
        return identifyConcurrency;
    }

    public void setIdentifyConcurrency(int identifyConcurrency) {
        this.identifyConcurrency = identifyConcurrency;
    }

    public DataSize getMagicBytesMax() {
        return magicBytesMax;
    }

    public void setMagicBytesMax(DataSize magicBytesMax) {
        this.magicBytesMax = magicBytesMax;
    }

    public Duration getEventTimeout() {
        return eventTimeout;
    }

    public void setEventTimeout(Duration eventTimeout) {
        this.eventTimeout = eventTimeout;
    }

    public Local getLocal() {
        return local;
    }

    public S3 getS3() {
        return s3;
    }
}
