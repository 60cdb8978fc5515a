package dev.dispatcher.indexer.search;

import dev.dispatcher.indexer.IndexerProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Plain HTTP to an Elasticsearch or OpenSearch cluster: the same requests work on Elasticsearch 7/8/9 and
 * OpenSearch 2/3, so there is no vendor client to pin. Requests go round-robin over the configured hosts; a host that
 * cannot be reached is skipped for the next one within the same call.
 */
public class SearchClient {

    private static final String NDJSON = "application/x-ndjson";

    private final List<URI> hosts;
    private final HttpClient http;
    private final String authorization;
    private final Duration requestTimeout;
    private final AtomicInteger next = new AtomicInteger();

    public SearchClient(IndexerProperties.Search settings) {
        this.hosts = hosts(settings);
        this.requestTimeout = settings.getRequestTimeout();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.getConnectTimeout())
                .version(HttpClient.Version.HTTP_1_1);
        if (settings.isInsecure()) {
            builder.sslContext(trustAll());
        }
        this.http = builder.build();
        if (!settings.getApiKey().isBlank()) {
            authorization = "ApiKey " + settings.getApiKey();
        } else if (!settings.getUsername().isBlank()) {
            authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (settings.getUsername() + ":" + settings.getPassword()).getBytes(StandardCharsets.UTF_8));
        } else {
            authorization = null;
        }
    }

    /** The base URIs of the cluster hosts. */
    public List<URI> hosts() {
        return hosts;
    }

    /** Sends an NDJSON {@code _bulk} body (ending in a newline). */
    public Response bulk(byte[] body) throws IOException {
        return send("POST", "/_bulk", NDJSON, body);
    }

    /** Sends one request; throws when no host answered at all. */
    public Response send(String method, String path, String contentType, byte[] body) throws IOException {
        IOException failure = null;
        for (int i = 0; i < hosts.size(); i++) {
            URI host = hosts.get(Math.floorMod(next.getAndIncrement(), hosts.size()));
            // Relative to the host's URI, so a cluster behind a path prefix (https://proxy/es/) works.
            HttpRequest.Builder request = HttpRequest.newBuilder(host.resolve(path.startsWith("/") ? path.substring(1) : path))
                    .timeout(requestTimeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), response.body());
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                if (failure != e) {
                    failure.addSuppressed(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while calling " + host, e);
            }
        }
        throw failure;
    }

    /** A status and body from the cluster. */
    public record Response(int status, byte[] body) {

        public String text() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 500 ? text.substring(0, 500) + "..." : text;
        }
    }

    static List<URI> hosts(IndexerProperties.Search settings) {
        List<URI> result = new ArrayList<>();
        for (String host : settings.getHosts()) {
            String trimmed = host.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.contains("://")) {
                trimmed = (settings.isHttps() ? "https://" : "http://") + trimmed
                        + (hasPort(trimmed) ? "" : ":" + settings.getPort());
            }
            URI uri = URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("dispatcher.indexer.search.hosts: not a host or URL: " + host);
            }
            result.add(uri);
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("dispatcher.indexer.search.hosts: at least one host is needed");
        }
        return List.copyOf(result);
    }

    private static boolean hasPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon;
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("no TLS", e);
        }
    }
}
