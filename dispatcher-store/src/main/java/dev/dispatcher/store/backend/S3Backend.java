package dev.dispatcher.store.backend;

import dev.dispatcher.store.StoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs in one S3 bucket under their key, through the AWS SDK v2. Large files go up as multipart uploads
 * (aborted when a part fails, so no partial object appears); S3 makes an object visible only once
 * complete. The SDK's own request checksums are off: the store has just computed SHA-256 of every byte and
 * checks it on upload, and S3 still verifies each request's signature.
 */
public final class S3Backend implements BlobBackend {

    /** Bound of the bucket check, so that a readiness probe answers while S3 hangs. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final String bucket;
    private final String endpoint;
    private final long multipartThreshold;
    private final long partSize;

    public S3Backend(StoreProperties.S3 properties) {
        this.bucket = properties.getBucket();
        this.endpoint = endpoint(properties);
        this.multipartThreshold = properties.getMultipartThreshold().toBytes();
        this.partSize = Math.max(5L * 1024 * 1024, properties.getPartSize().toBytes());
        var builder = S3Client.builder()
                .region(Region.of(properties.getRegion()))
                .credentialsProvider(credentials(properties))
                .forcePathStyle(properties.isPathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.apiCallTimeout(properties.getCallTimeout()));
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.s3 = builder.build();
    }

    /** {@code host:port} gets {@code http://} or, with {@code secure}, {@code https://}; a URL stays as it is. */
    static String endpoint(StoreProperties.S3 properties) {
        String configured = properties.getEndpoint() == null ? "" : properties.getEndpoint().strip();
        if (configured.isEmpty() || configured.contains("://")) {
            return configured;
        }
        return (properties.isSecure() ? "https://" : "http://") + configured;
    }

    private static AwsCredentialsProvider credentials(StoreProperties.S3 properties) {
        if (properties.getAccessKey() == null || properties.getAccessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(properties.getAccessKey(), properties.getSecretKey()));
    }

    @Override
    public String describe() {
        return "s3 " + (endpoint.isEmpty() ? "(AWS)" : endpoint) + " bucket " + bucket;
    }

    /** Creates the bucket when it is missing; throws when S3 cannot be reached. */
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(CHECK_TIMEOUT)));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another replica created it first
            } catch (SdkException failed) {
                throw unavailable("cannot create bucket " + bucket, failed);
            }
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                try {
                    s3.createBucket(b -> b.bucket(bucket));
                    return;
                } catch (SdkException failed) {
                    throw unavailable("cannot create bucket " + bucket, failed);
                }
            }
            throw unavailable("cannot reach bucket " + bucket, e);
        } catch (SdkException e) {
            throw unavailable("cannot reach bucket " + bucket, e);
        }
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new BlobInfo(head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("cannot look up " + key, e);
        } catch (SdkException e) {
            throw unavailable("cannot look up " + key, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, Path file, long size) {
        if (info(key).isPresent()) {
            return false;
        }
        try {
            if (size > multipartThreshold) {
                putInParts(key, file, size);
            } else {
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size)
                        .contentType("application/octet-stream"), RequestBody.fromFile(file));
            }
            return true;
        } catch (SdkException e) {
            throw unavailable("cannot store " + key, e);
        }
    }

    private void putInParts(String key, Path file, long size) {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType("application/octet-stream")).uploadId();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            long offset = 0;
            for (int number = 1; offset < size; number++) {
                long length = Math.min(partSize, size - offset);
                int part = number;
                channel.position(offset);
                InputStream in = new BoundedInputStream(Channels.newInputStream(channel), length);
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(part)
                        .contentLength(length), RequestBody.fromInputStream(in, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
                offset += length;
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot read the spooled upload", io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (SdkException e) {
            throw unavailable("cannot read " + key, e);
        }
    }

    @Override
    public boolean delete(String key) {
        if (info(key).isEmpty()) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw unavailable("cannot delete " + key, e);
        }
    }

    /** Readiness: the bucket answers (and is created if S3 answers but the bucket is missing). */
    @Override
    public void check() {
        ensureBucket();
    }

    @Override
    public void close() {
        s3.close();
    }

    private BackendUnavailableException unavailable(String what, Throwable cause) {
        return new BackendUnavailableException(what + " on " + describe() + ": " + cause.getMessage(), cause);
    }
}
