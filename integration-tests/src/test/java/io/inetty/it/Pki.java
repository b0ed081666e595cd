package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Certificates made with the {@code openssl} command line, as a user would: a root CA, an intermediate CA, server
 * certificates it issues (served with the intermediate: a chain), client certificates, an expired certificate.
 */
final class Pki {
    private final Path dir;

    Pki(Path dir) {
        this.dir = dir;
        Tool.require("openssl", "openssl");
        ca("root", "/CN=inetty test root", null);
        ca("intermediate", "/CN=inetty test intermediate", "root");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    private void openssl(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Tool t = Tool.run("", command);
        assertThat(t.exitCode()).as("%s", t).isZero();
    }

    private Path ext(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name + ".ext"), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A key (PKCS#8, as openssl writes it) and a request for {@code subject}. */
    private void request(String name, String subject, boolean rsa) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("req", "-new", "-nodes", "-subj", subject,
                "-keyout", file(name + ".key").toString(), "-out", file(name + ".csr").toString(), "-newkey"));
        args.addAll(rsa ? java.util.List.of("rsa:2048") : java.util.List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
        openssl(args.toArray(new String[0]));
    }

    private void sign(String name, String issuer, String extensions) {
        openssl("x509", "-req", "-in", file(name + ".csr").toString(), "-CA", file(issuer + ".pem").toString(),
                "-CAkey", file(issuer + ".key").toString(), "-CAcreateserial", "-days", "30", "-sha256",
                "-extfile", ext(name, extensions).toString(), "-out", file(name + ".pem").toString());
    }

    private void ca(String name, String subject, String issuer) {
        if (issuer == null) {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                    "-subj", subject, "-keyout", file(name + ".key").toString(), "-out", file(name + ".pem").toString());
            return;
        }
        request(name, subject, false);
        sign(name, issuer, "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
    }

    /** A server certificate for localhost and 127.0.0.1 issued by the intermediate; returns the chain file (leaf, intermediate). */
    Path server(String name, String cn, boolean rsa) throws IOException {
        request(name, "/CN=" + cn, rsa);
        sign(name, "intermediate", "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                + "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Path chain = file(name + "-chain.pem");
        Files.writeString(chain, Files.readString(file(name + ".pem")) + Files.readString(file("intermediate.pem")));
        return chain;
    }

    Path key(String name) {
        return file(name + ".key");
    }

    /** A client certificate for {@code subject} ({@code /CN=alice/O=Example}) issued by the root. */
    Path client(String name, String subject) {
        request(name, subject, false);
        sign(name, "root", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
        return file(name + ".pem");
    }

    /** A self-signed certificate that expired in 2020. */
    Path expired(String name) throws IOException {
        request(name, "/CN=" + name, false);
        Path db = Files.createDirectories(dir.resolve(name + "-db"));
        Files.writeString(db.resolve("index"), "");
        Files.writeString(db.resolve("serial"), "01\n");
        Path cnf = Files.writeString(dir.resolve(name + ".cnf"), "[ca]\ndefault_ca = x\n[x]\ndatabase = " + db.resolve("index")
                + "\nnew_certs_dir = " + db + "\nserial = " + db.resolve("serial") + "\ndefault_md = sha256\npolicy = p\n"
                + "[p]\ncommonName = supplied\n");
        openssl("ca", "-batch", "-config", cnf.toString(), "-selfsign", "-keyfile", key(name).toString(), "-in",
                file(name + ".csr").toString(), "-startdate", "20200101000000Z", "-enddate", "20200201000000Z",
                "-out", file(name + ".pem").toString());
        return file(name + ".pem");
    }
}
