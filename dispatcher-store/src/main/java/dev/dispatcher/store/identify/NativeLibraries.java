package dev.dispatcher.store.identify;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Loads Debian runtime libraries through JNA. */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * By the plain name ({@code libfuzzy.so}, present with the {@code -dev} package), else by the soname that
     * the runtime package installs ({@code libfuzzy.so.2}).
     */
    static <T extends Library> T load(String name, String soname, Class<T> type) {
        try {
            return Native.load(name, type);
        } catch (UnsatisfiedLinkError plain) {
            try {
                return Native.load(soname, type);
            } catch (UnsatisfiedLinkError versioned) {
                versioned.addSuppressed(plain);
                throw versioned;
            }
        }
    }
}
