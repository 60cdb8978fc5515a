package dev.dispatcher.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class NativeLz4Test {

    /**
     * lz4-java and this class loaded by a class loader of their own, as in a Spring Boot jar: there
     * lz4-java hands out its pure-Java codec until {@link NativeLz4#load()} ran.
     */
    @Test
    void outsideTheSystemClassLoaderKafkaGetsTheNativeCodecOnlyOnceLoaded() throws Exception {
        URL[] jars = {location(LZ4Factory.class), location(NativeLz4.class), location(Logger.class)};
        try (var loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            Class<?> factory = loader.loadClass(LZ4Factory.class.getName());
            assertThat(factory).isNotSameAs(LZ4Factory.class);

            assertThat(factory.getMethod("fastestInstance").invoke(null)).hasToString("LZ4Factory:JavaSafe");

            Object codec = loader.loadClass(NativeLz4.class.getName()).getMethod("load").invoke(null);

            assertThat(codec).isEqualTo("LZ4Factory:JNI");
            assertThat(factory.getMethod("fastestInstance").invoke(null)).hasToString("LZ4Factory:JNI");
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
