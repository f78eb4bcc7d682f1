package dev.fuspath.inspect;

import dev.fuspath.catalog.Anomaly;
import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.catalog.FooterView;
import dev.fuspath.catalog.Kind;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.FooterProblem;
import dev.fuspath.image.FooterReader;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Says what a coprocessor file is, whether upstream shipped it, and how its name disagrees with it. */
public final class Inspector {

    private final Catalog catalog;
    private final Rules rules;

    public Inspector(Catalog catalog, Rules rules) {
        this.catalog = catalog;
        this.rules = rules;
    }

    /** @param filename the name the file goes by, or null when unknown */
    public InspectReport inspect(String filename, byte[] bytes) {
        FooterView footer = FooterView.of(FooterReader.read(bytes));
        String sha = Sha256.of(bytes);
        List<Catalog.Occurrence> occurrences = catalog.occurrences(sha);
        BinaryRecord known = catalog.record(sha).orElse(null);
        Kind kind = known != null ? known.kind() : footer.kind();
        String version = known != null ? known.version() : footer.version();
        FileNameClaims name = filename == null ? null : FileNameClaims.parse(filename, rules);
        String stack = known != null ? known.stack()
                : kind == Kind.STACK && name != null ? name.stack() : null;
        boolean fusV2Only = known != null ? known.fusV2Only() : footer.fusV2Only();

        List<Finding> findings = new ArrayList<>();
        footerFindings(footer, findings);
        identityFindings(sha, known, occurrences, footer, kind, version, filename, findings);
        if (name != null) {
            nameFindings(filename, name, bytes.length, footer, kind, version, occurrences, findings);
        }
        if (fusV2Only) {
            findings.add(Finding.info("fus-v2-only", "only FUS v2.1.0 or later installs this image; FUS 1.x refuses it"
                    + " (upgrade FUS first, and keep 16 KiB more free below the stack)"));
        }
        return new InspectReport(filename, bytes.length, sha, kind.label(), stack, version, fusV2Only, footer,
                new InspectReport.Identity(known != null, occurrences, known), List.copyOf(findings));
    }

    private static void footerFindings(FooterView footer, List<Finding> findings) {
        for (FooterProblem p : footer.problems()) {
            if (p.code().equals("version-unset")) {
                continue;
            }
            findings.add(p.error() ? Finding.error(p.code(), p.message()) : Finding.info(p.code(), p.message()));
        }
    }

    private void identityFindings(String sha, BinaryRecord known, List<Catalog.Occurrence> occurrences,
                                  FooterView footer, Kind kind, String version, String filename,
                                  List<Finding> findings) {
        if (known == null) {
            if (kind != Kind.PLACEHOLDER) {
                findings.add(Finding.warning("unknown-binary", "no STM32CubeWB release in the catalog ("
                        + catalog.releases().size() + " releases) shipped these bytes: a build of someone else's,"
                        + " a modified or a damaged file"));
            }
            return;
        }
        Set<String> names = occurrences.stream().map(Catalog.Occurrence::file).collect(Collectors.toCollection(TreeSet::new));
        findings.add(Finding.info("known-binary", "upstream shipped these bytes as " + String.join(", ", names)
                + " in " + span(occurrences)));
        if (footer.firmwareVersion() == null && version != null && kind != Kind.PLACEHOLDER) {
            findings.add(Finding.info("version-by-identity", "the footer carries no version (0xFFFFFFFF);"
                    + " the catalog knows these bytes as version " + version));
        }
        Set<String> tags = occurrences.stream().map(Catalog.Occurrence::tag).collect(Collectors.toSet());
        Map<String, List<Anomaly>> byCode = new TreeMap<>();
        for (Anomaly a : catalog.anomalies()) {
            if (tags.contains(a.tag()) && a.file() != null && names.contains(a.file())
                    && sha.equals(String.valueOf(a.evidence().get("sha256")))) {
                byCode.computeIfAbsent(a.code(), k -> new ArrayList<>()).add(a);
            }
        }
        byCode.forEach((code, list) -> {
            Anomaly first = list.get(0);
            Set<String> others = list.stream().map(Anomaly::tag).filter(t -> !t.equals(first.tag()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            findings.add(new Finding(first.severity().equals("error") ? "warning" : "info", "catalog-" + code,
                    first.tag() + ": " + first.message() + (others.isEmpty() ? "" : " (also in " + String.join(", ", others) + ")")));
        });
        if (filename != null && !names.contains(FileNameClaims.baseName(filename))) {
            findings.add(Finding.info("renamed", "upstream never called these bytes " + FileNameClaims.baseName(filename)));
        }
    }

    private void nameFindings(String filename, FileNameClaims name, long size, FooterView footer, Kind kind,
                              String version, List<Catalog.Occurrence> occurrences, List<Finding> findings) {
        String file = FileNameClaims.baseName(filename);
        if (name.kind() == null) {
            findings.add(Finding.warning("name-unrecognized", file
                    + " does not follow the stm32wbXx_<name>_fw.bin pattern: nothing can be checked against the name"));
            return;
        }
        Set<String> contentFamilies = contentFamilies(size, footer, occurrences);
        if (name.family() != null && !contentFamilies.isEmpty() && !contentFamilies.contains(name.family().name())) {
            findings.add(Finding.error("name-family-mismatch", file + " claims family " + name.family().name()
                    + " but the content is for " + String.join(" or ", contentFamilies)));
        } else if (name.prefix() != null && name.family() == null) {
            findings.add(Finding.warning("name-family-unknown", file + " claims family prefix " + name.prefix()
                    + ", which is none of " + rules.families().stream().map(Family::filePrefix).toList()));
        }
        if (kind != Kind.PLACEHOLDER && kind != Kind.INVALID && name.kind() != kind) {
            findings.add(Finding.error("name-kind-mismatch", file + " is named as a " + name.kind().label()
                    + " image but the content is a " + kind.label() + " image"));
        }
        if (name.stack() != null && kind == Kind.STACK && !occurrences.isEmpty()) {
            Set<String> shippedAs = new TreeSet<>();
            occurrences.forEach(o -> {
                FileNameClaims upstream = FileNameClaims.parse(o.file(), rules);
                if (upstream.stack() != null) {
                    shippedAs.add(upstream.stack());
                }
            });
            if (!shippedAs.isEmpty() && !shippedAs.contains(name.stack())) {
                findings.add(Finding.error("name-stack-mismatch", file + " is named as stack " + name.stack()
                        + " but upstream shipped these bytes as " + String.join(", ", shippedAs)));
            }
        }
        FirmwareVersion content = FirmwareVersion.parse(version);
        if (name.version() != null && content != null && !name.version().sameRelease(content)) {
            findings.add(Finding.error("name-version-mismatch", file + " is named as version " + name.version()
                    + " but the content is version " + content));
        }
        if (name.forFus() != null && kind == Kind.FUS) {
            findings.add(Finding.info("for-fus", file + " is the FUS image to install on devices running FUS "
                    + name.forFus() + (content == null ? "" : "; it is FUS " + content + " itself, not " + name.forFus())));
        }
    }

    /** Families the content is for: where upstream shipped it, else what its footer's page count implies. */
    private Set<String> contentFamilies(long size, FooterView footer, List<Catalog.Occurrence> occurrences) {
        Set<String> families = new LinkedHashSet<>();
        if (size == 0) {
            return families;
        }
        occurrences.forEach(o -> families.add(o.family()));
        if (!families.isEmpty() || footer.flashPages() == null) {
            return families;
        }
        for (Family f : rules.families()) {
            if ((size + f.pageSize() - 1) / f.pageSize() == footer.flashPages()) {
                families.add(f.name());
            }
        }
        return families;
    }

    private static String span(List<Catalog.Occurrence> occurrences) {
        List<String> tags = occurrences.stream().map(Catalog.Occurrence::tag).distinct()
                .sorted(java.util.Comparator.comparing(FirmwareVersion::parse)).toList();
        return tags.size() == 1 ? tags.get(0) : tags.get(0) + " to " + tags.get(tags.size() - 1)
                + " (" + tags.size() + " releases)";
    }
}
