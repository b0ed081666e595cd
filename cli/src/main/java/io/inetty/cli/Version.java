package io.inetty.cli;

import io.inetty.server.IoTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code inetty --version}: the version and build commit (from {@code build.properties}, written by the build),
 * Netty's and the JVM's versions, and whether each native transport loads here (and if not, why).
 */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {
            "inetty " + build.getProperty("version", "(development build)") + " (commit "
                + build.getProperty("commit", "unknown").strip() + ")",
            "Netty " + build.getProperty("netty", "unknown") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")",
            "native transports: epoll " + state(IoTransport.EPOLL) + ", io_uring " + state(IoTransport.IO_URING)};
    }

    private static String state(IoTransport transport) {
        if (transport.isAvailable()) {
            return "loads";
        }
        Throwable cause = transport.unavailabilityCause();
        return "unavailable (" + (cause == null ? "unknown reason" : cause.getMessage()) + ")";
    }
}
