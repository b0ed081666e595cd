package io.inetty.protocols.whoami;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The default host name and instance id of this process. */
public final class Identity {
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private Identity() {
    }

    /** The host's name: the kernel's (no name lookup), else the JDK's, else {@code localhost}. */
    public static String hostName() {
        return Host.NAME;
    }

    /** Read once: the name of a running process's host does not change for it (and off Linux it is a lookup). */
    private static final class Host {
        static final String NAME = read();
    }

    private static String read() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME, US_ASCII).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** {@code HOST-PID}: tells apart the instances of a load-balanced set, and restarts of one. */
    public static String defaultInstance() {
        return hostName() + "-" + ProcessHandle.current().pid();
    }
}
