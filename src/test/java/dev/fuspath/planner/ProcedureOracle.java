package dev.fuspath.planner;

import static dev.fuspath.planner.CatalogFacts.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the release notes say a coprocessor update must look like, written from the notes themselves
 * (/work/notes-text/&lt;tag&gt;/&lt;family&gt;.txt, i.e. each release's Release_Notes.html) and never from the
 * planner's code or {@code rules/procedures.json}. The catalog is used only as data: which files a release ships,
 * their kind (fus, stack, invalid), version, FUS_v2-only mark and the install address per flash size.
 *
 * <p>Every decision the oracle takes cites a {@link Rule}; every rule quotes the sentence of the notes it comes from
 * and the release(s) that sentence is in. Where the notes are ambiguous or contradict themselves, the rule says so in
 * {@link Rule#reading} and the oracle takes the safer reading.
 */
final class ProcedureOracle {

    private ProcedureOracle() {
    }

    /** The notes' rules the oracle applies, each with its quote and the releases it is taken from. */
    enum Rule {
        CATALOG("all", "Binary Install Address and version : Provides Install address for the targeted binary",
                "A target (or a FUS image a hop needs) that the release does not ship for this family and flash size"
                        + " cannot be planned: the notes give no address for it (NA or absent)."),
        USB_ONLY_V1_1_TO_V1_4("v1.1.0..v1.4.0",
                "STEP 2: Access to Bootloader USB Interface (system flash) [...] STEP 3 : Delete current wireless"
                        + " stack : STM32_Programmer_CLI.exe -c port=usb1 -fwdelete",
                "The only procedure of these notes is the USB bootloader one; SWD is refused."),
        WB1X_SWD_ONLY("STM32WB1x v1.11.0..v1.24.0",
                "How to flash the Wireless Coprocessor Binary via SWD/JTAG by ST-LINK (STM32CubeProgrammer GUI)"
                        + " [...] For NUCLEO-WB15 : Power ON via ST-LINK and Jumper JP1(USB_STL)",
                "Every STM32WB1x note has only the ST-LINK procedure; USB is refused."),
        WB1X_OUTSIDE_FUS_V1_11_0("STM32WB1x v1.11.0",
                "STEP 3: Flash erase in Erase flash memory: select \u201cFull chip erase\u201d STEP 4 : Download new"
                        + " wireless stack : in Erasing & Programming/Download",
                "v1.11.0 programs the STM32WB1x stack by a plain full-chip erase and download, not through FUS: no"
                        + " FUS plan exists for it, so it is refused."),
        FUS_2_0_0_USB_ONLY("v1.22.1 (applied to every release)",
                "Warning 1: With FUS v2.0.0, Coprocessor Binaries can be installed only through the USB interface,"
                        + " Currently CubeProgrammer versions do not support \u201cFW_delete\u201d command when using"
                        + " the ST-Link interface.",
                "A SWD plan is refused when the part runs FUS 2.0.0 when it starts, or when the stack would be"
                        + " installed on FUS 2.0.0 after the plan's own FUS upgrade (v1.22.1 brings FUS to 2.0.0):"
                        + " both are 'installed only through the USB interface'. Safer reading: also a FUS"
                        + " upgrade from 2.0.0 over SWD is refused (the FUS image is a Coprocessor Binary too)."),
        V2_ONLY_NEEDS_FUS_2("v1.22.1, v1.23.0, v1.24.0",
                "They are marked as \u201cFUSv2 only\u201d in the Wireless Coprocessor Binary Table below and can"
                        + " only be installed with FUS v2.0.0. [...] They are marked as \u201cFUSv2 only\u201d in the"
                        + " Wireless Coprocessor Binary Table below and can only be installed with FUS v2.1.0.",
                "A FUS_v2-only stack can only have been installed by FUS 2.0.0 (v1.22.1 stacks) or 2.1.0 (v1.23.0"
                        + " on), and FUS never goes down, so a part said to run an older FUS with such a stack"
                        + " installed is a state that cannot exist. Safer reading: refuse (the inputs contradict each other; planning on them could"
                        + " pick a wrong address), rather than guess which input is wrong."),
        FUS_NEVER_DOWNGRADES("all",
                "STEP 4 : Read and upgrade FUS Version [...] FUSv1.0.x => Up to date, you can download the new"
                        + " wireless stack",
                "The notes only ever upgrade FUS, and a FUS newer than the release's is never listed: no FUS image"
                        + " of the release is written when the running FUS is at least its version."),
        CHAIN_V1_1_0("v1.1.0",
                "0x20030030 : 00050300 : FUSv0.5.3 => Must be updated using STEP 5. 0x20030030 : 01000100 :"
                        + " FUSv1.0.1 => Up to date",
                "0.5.3 goes through stm32wb5x_FUS_fw.bin (1.0.1, 'On top of FUS v0.5.3'); 1.x and 2.x: no hop."),
        CHAIN_V1_1_1_TO_V1_4_0("v1.1.1..v1.4.0",
                "0x20030030 : 00050300 : FUSv0.5.3 => Must be updated using STEP 5. 0x20030030 : 01000100 or"
                        + " 01000200 : FUSv1.0.x => Up to date",
                "0.5.3 goes through stm32wb5x_FUS_fw.bin (1.0.2); anything from 1.0.x on: no hop."),
        CHAIN_V1_5_0_TO_V1_11_0("v1.5.0..v1.11.0 (STM32WB5x; STM32WB3x from v1.8.0)",
                "0x20030030 : 00050300 : FUSv0.5.3 => Must be updated using STEP 5. 0x20030030 : 01000100 or"
                        + " 01000200 : FUSv1.0.x => Must be updated using STEP 6. [...] STEP 5 : Download FUS 1.0.2"
                        + " (stm32wb5x_FUS_fw_1_0_2.bin) [...] STEP 6 : Download latest FUS",
                "0.5.3 goes through *_FUS_fw_1_0_2.bin then *_FUS_fw.bin; 1.0.x (and any FUS below the release's"
                        + " latest, e.g. 1.1.0 or 1.1.1 in v1.10.1/v1.11.0 whose latest is 1.1.2) through"
                        + " *_FUS_fw.bin."),
        CHAIN_WB3X_V1_5_0_TO_V1_7_0("STM32WB3x v1.5.0..v1.7.0",
                "*0x20008030 : 01000000 : FUSv1.0.x => Up to date, you can download the new wireless stack using"
                        + " STEP6. STEP 5 : Download new FUS : Not Applicable",
                "No FUS image exists for STM32WB3x there: FUS 1.0.x and later need no hop; a part on 0.5.3 has no"
                        + " route in these notes and is refused."),
        V1_5_0_FUS_IMAGE_INVALID("v1.5.0",
                "STEP 6 : Download latest FUS : STM32_Programmer_CLI.exe -c port=usb1 -fwupgrade [FUS_Binary]"
                        + " [Install@] firstinstall=0",
                "The only [FUS_Binary] v1.5.0 ships, stm32wb5x_FUS_fw.bin, is no FUS image (catalog kind"
                        + " 'invalid': no footer, unsigned). A part below 1.1.0 ('FUSv1.1.0 => Up to date') needs it,"
                        + " so the plan is refused."),
        CHAIN_V1_11_1_TO_V1_22_0("v1.11.1..v1.22.0 (STM32WB5x, STM32WB3x)",
                "00050300: FUSv0.5.3 => Must be updated using STEP 5. 010X0Y00: FUSv1.x.y => Must be updated using"
                        + " STEP 6 (when x < 2). [...] STEP 5: Download latest FUS for only FUSv0.5.3 upgrade [...]"
                        + " [stm32wb5x_FUS_fw_for_fus_0_5_3.bin]",
                "0.5.3 goes through *_FUS_fw_for_fus_0_5_3.bin (which is 1.2.0); 1.x below 1.2.0 through"
                        + " *_FUS_fw.bin."),
        CHAIN_V1_22_1_ON("v1.22.1..v1.24.0 (STM32WB5x, STM32WB3x)",
                "00050300: FUSv0.5.3 => Must be updated first to FUSv1.2.0 using STEP 5. 010X0Y00: FUSv1.x.y =>"
                        + " Must be updated first to FUSv1.2.0 using STEP 6 (when x < 2). 01020X00: FUSv1.2.0 =>"
                        + " Must be updated to latest FUS using STEP 7. [...] please follow incremental steps to"
                        + " upgrade FUS version.",
                "0.5.3: *_FUS_fw_for_fus_0_5_3.bin then *_FUS_fw.bin; 1.x below 1.2.0: *_FUS_fw_1_2_0.bin then"
                        + " *_FUS_fw.bin; 1.2.0 and 2.x below the latest: *_FUS_fw.bin."),
        WB1X_FUS_EMBEDDED("STM32WB1x v1.11.1..v1.22.1",
                "Latest FW FUS version is embedded in STM32WB1x, No need to update it",
                "No FUS hop for STM32WB1x, whatever FUS is given (these notes know no other)."),
        WB1X_CHAIN_V1_23_0_ON("STM32WB1x v1.23.0, v1.24.0",
                "01020X00: FUSv1.2.0 => Must be updated to latest FUS using STEP 5. [...] STEP 5: Download latest"
                        + " FUS for FUSv1.2.0 upgrade in Firmware Upgrade Services: (File Path:"
                        + " [stm32wb1x_FUS_fw.bin]",
                "1.2.0 and 2.x below the latest go through stm32wb1x_FUS_fw.bin. A STM32WB1x below 1.2.0 has no"
                        + " route in these notes (the file is 'for FUSv1.2.0 upgrade'): refused, the safer reading."),
        DELETE_FIRST_V1_1_0_TO_V1_11_0("v1.1.0..v1.11.0",
                "STEP 3 : Delete current wireless stack : STM32_Programmer_CLI.exe -c port=usb1 -fwdelete STEP 4 :"
                        + " Read and upgrade FUS Version",
                "A stack delete, whatever is installed (even 'none'), before any FUS upgrade. Ambiguous: the v1.5.0"
                        + " SWD procedure has no delete step at all (STEP 2 reads FUS, STEP 5 installs); the oracle"
                        + " still expects the delete there (its own USB procedure and v1.6.0's SWD one have it, and"
                        + " a delete costs nothing when the stack is replaced anyway). Also followed on a part"
                        + " already on FUS 2.x: the release's procedure predates FUS 2."),
        FUS_1_0_2_FIRST_256K_512K("v1.1.1..v1.4.0 (history kept in every later STM32WB5x note)",
                "On STM32WB5xxC and STM32WB5xxE, it is mandatory to install FUS V1.0.2 before any other operation."
                        + " Otherwise, the device might be locked in an unrecoverable state.",
                "On STM32WB5x 256K and 512K parts below FUS 1.0.2 the first FUS hop comes before the delete."
                        + " Safer reading: this is a property of the part, so it is also applied to v1.5.0..v1.11.0"
                        + " (whose STEP 3 deletes first): FUS 1.0.2 hop, then the delete, then the rest. Only"
                        + " STM32WB5x: the sentence names STM32WB5xxC/E and is in no STM32WB3x note."),
        DELETE_IF_REQUESTED_FUS_1("v1.11.1..v1.22.0 (stack installed on FUS 1.x)",
                "STEP 7: Download new wireless stack (after \u201cFW Delete\u201d if requested)",
                "The notes do not decide whether a delete is needed on FUS 1.x; the oracle only checks that a delete,"
                        + " if planned, comes after the FUS upgrade and before the install."),
        FUS_2_KEEPS_NVM("v1.22.1..v1.24.0 (applied to every release from v1.11.1 installed on FUS 2.x)",
                "New FUS version v2.0.0 that mainly covers : Robustness enhancements. Pairing/bonding data"
                        + " preservation(NVM) while FW Upgrade is processed. [...] STEP 8: Download new wireless"
                        + " stack (after \u201cFW Delete\u201d if requested)",
                "On FUS 2.x an in-place upgrade (same stack family, any version or format) has no delete, so the"
                        + " NVM is kept; another family is deleted after the FUS upgrade, before the install; with"
                        + " no stack installed there is nothing to delete. 'Stack family' is read from the notes"
                        + " (see stackFamily): v1.22.1 'BLE Coprocessor Binaries are now provided with new format"
                        + " supporting NVM data migration during new Coprocessor Binary installation', so every"
                        + " BLE-only image (BLE_Stack_full, BLE_Stack_light, BLE_HCILayer...) is one family; the"
                        + " binary tables describe the others by protocol (Thread, Zigbee, MAC 802.15.4, PHY"
                        + " 802.15.4, the 'Concurrent Mode BLE Thread/Zigbee/MAC' images, the BLE LLD image, RF"
                        + " monitor). A legacy -> FUS_v2-only upgrade within a family counts as in place ('All types"
                        + " of Coprocessor binaries can be installed with this new version')."),
        TABLE_ADDRESS("all",
                "Please check Wireless Coprocessor Binary Table for Install@ parameter depending of the binary.",
                "Stacks and FUS images go at the notes' table address for the chip's flash size."),
        V2_ONLY_SHIFT("v1.23.0 (applied to every release installed on such a part)",
                "However, the addresses provided in the table are correct on the condition that no Coprocessor"
                        + " Binary marked as \u201cFUS_v2 only\u201d has been installed previously. Otherwise, the"
                        + " addresses of legacy binaries must also be corrected by applying the formula above first"
                        + " time. [formula: start_address = (start_address - 0x4000)]",
                "A legacy-format target installed on a part that has (had) a FUS_v2-only stack goes 0x4000 below the"
                        + " table address, and a warning names both addresses; FUS_v2-only targets keep the table"
                        + " address. Contradiction: v1.22.1 says"
                        + " 'However addresses provided in the table are correct.' without the condition, and"
                        + " v1.24.0 drops the warning; the oracle takes v1.23.0's condition for every release, as"
                        + " the layout is the part's, not the release's."),
        V2_ONLY_UNKNOWN("v1.23.0 (applied from FUS 2.0.0 on)",
                "the addresses provided in the table are correct on the condition that no Coprocessor Binary marked"
                        + " as \u201cFUS_v2 only\u201d has been installed previously.",
                "On a part already running FUS 2.x with no stack installed, whether a FUS_v2-only image was ever"
                        + " installed is unknown: a legacy target's install address may be either the table address"
                        + " or 0x4000 below, and a warning must name both."),
        V2_ONLY_UNKNOWN_LEGACY("v1.23.0 (safer reading)",
                "the addresses provided in the table are correct on the condition that no Coprocessor Binary marked"
                        + " as \u201cFUS_v2 only\u201d has been installed previously.",
                "Safer reading: a legacy stack installed now on FUS 2.x does not prove that no FUS_v2-only image was"
                        + " installed before it ('installed previously'), so the same two-address warning is expected"
                        + " as for 'none'; either address is accepted."),
        START_FUS_SWD("v1.11.1..v1.24.0",
                "STEP 3: apply \u201cStart FUS\u201d STM32_Programmer_CLI.exe -c port=swd -startfus",
                "Over SWD from v1.11.1 the FUS is started before it is read or used (STM32WB1x: 'STEP 3: select"
                        + " \u201cStart FUS\u201d in Firmware Upgrade Services'); over USB the step is 'bypassed'."),
        OB_RESTORE_SWD("v1.6.0..v1.24.0, STM32WB5x and STM32WB3x",
                "STEP 8 : Revert to default OB configuration : *STM32_Programmer_CLI.exe -c port=swd mode=UR -ob"
                        + " nSWboot0=1 nboot1=1 nboot0=1",
                "SWD procedures end by restoring the option bytes, after the stack install. v1.5.0 has no such step"
                        + " and no STM32WB1x note has one: not checked there."),
        FUS_1_0_2_WARNING("v1.1.1..v1.4.0",
                "On STM32WB5xxC and STM32WB5xxE, it is mandatory to install FUS V1.0.2 before any other operation."
                        + " Otherwise, the device might be locked in an unrecoverable state.",
                "A 256K or 512K part below FUS 1.0.2 gets a warning that names FUS 1.0.2 (issue 10 item 5: 'the plan"
                        + " carries the notes' warning'). Only the version is compared, not the wording."),
        PLAN_EXPECTED("all",
                "How to flash the Wireless Coprocessor Binary",
                "No rule of the notes refuses this case, so a plan is expected.");

        final String releases;
        final String quote;
        final String reading;

        Rule(String releases, String quote, String reading) {
            this.releases = releases;
            this.quote = quote;
            this.reading = reading;
        }
    }

    /** What is installed on the coprocessor now. */
    enum Installed {
        NONE, LEGACY, FUS_V2_ONLY
    }

    /** One case of the table; {@code installedStack} is "none" or "NAME VERSION" as the planner takes it. */
    record Case(String tag, String family, String flash, String chip, String fus, Installed installed,
                String installedStack, String iface, String target) {
        String name() {
            return tag + " " + chip + " (" + family + " " + flash + ") FUS " + fus + " stack=" + installedStack
                    + " (" + installed.name().toLowerCase(Locale.ROOT) + ") " + iface + " -> " + target;
        }
    }

    /** A FUS image written by the plan. */
    record Hop(String file, String address, String toVersion) {
    }

    /** Where the stack delete must (or may) be, relative to the FUS hops. */
    enum Delete {
        /** Before every FUS hop. */
        BEFORE_HOPS,
        /** After the first FUS hop (the 1.0.2 one), before the others. */
        AFTER_FIRST_HOP,
        /** After every FUS hop, before the install. */
        AFTER_HOPS,
        /** Either no delete, or one after every FUS hop, before the install. */
        OPTIONAL_AFTER_HOPS,
        /** No delete at all. */
        NONE
    }

    /** The oracle's answer: a refusal, or the essential operations of a plan. */
    sealed interface Expected permits Refusal, Steps {
    }

    record Refusal(Rule rule, String why) implements Expected {
    }

    /**
     * @param hops             FUS images in order
     * @param delete           where the stack delete goes
     * @param installFile      the stack file
     * @param installAddresses acceptable install addresses (one, or both candidates when unknown)
     * @param warnAddresses    addresses a warning must name (empty when none is required)
     * @param chainRule        the rule that chose the hops
     * @param deleteRule       the rule that placed the delete
     * @param addressRule      the rule that chose the install address
     * @param ancillary        other steps the notes mandate: {@link Rule#START_FUS_SWD}, {@link Rule#OB_RESTORE_SWD},
     *                         {@link Rule#FUS_1_0_2_WARNING}
     */
    record Steps(List<Hop> hops, Delete delete, String installFile, Set<String> installAddresses,
                 Set<String> warnAddresses, Rule chainRule, Rule deleteRule, Rule addressRule,
                 Set<Rule> ancillary) implements Expected {
    }

    static final String V2 = "2.0.0";

    static Expected expect(Case c) {
        // ---- what the release ships (data) -------------------------------------------------------------------
        if (!families(c.tag()).contains(c.family())) {
            return new Refusal(Rule.CATALOG, c.family() + " is not in " + c.tag());
        }
        Optional<JsonNode> target = stackRecord(c.tag(), c.family(), c.target());
        if (target.isEmpty() || CatalogFacts.address(target.get(), c.flash()) == null) {
            return new Refusal(Rule.CATALOG, c.target() + " has no " + c.flash() + " address in " + c.tag());
        }
        // ---- the procedure (notes) ---------------------------------------------------------------------------
        boolean wb1x = c.family().equals("STM32WB1x");
        if (wb1x && c.tag().equals("v1.11.0")) {
            return new Refusal(Rule.WB1X_OUTSIDE_FUS_V1_11_0, "v1.11.0 STM32WB1x is programmed outside FUS");
        }
        if (compare(c.tag(), "v1.5.0") < 0 && c.iface().equals("swd")) {
            return new Refusal(Rule.USB_ONLY_V1_1_TO_V1_4, c.tag() + " has only the USB procedure");
        }
        if (wb1x && c.iface().equals("usb")) {
            return new Refusal(Rule.WB1X_SWD_ONLY, "STM32WB1x has only the ST-LINK procedure");
        }
        if (c.installed() == Installed.FUS_V2_ONLY && compare(c.fus(), installerOf(c.installedStack())) < 0) {
            return new Refusal(Rule.V2_ONLY_NEEDS_FUS_2, "FUS_v2-only " + c.installedStack() + " needs FUS "
                    + installerOf(c.installedStack()) + " to be installed, so cannot be on FUS " + c.fus());
        }
        Chain chain = chain(c);
        if (chain.refusal != null) {
            return chain.refusal;
        }
        String fusAtInstall = chain.hops.isEmpty() ? c.fus() : chain.hops.get(chain.hops.size() - 1).toVersion();
        if (c.iface().equals("swd") && (c.fus().equals(V2) || fusAtInstall.equals(V2))) {
            return new Refusal(Rule.FUS_2_0_0_USB_ONLY, "SWD with FUS 2.0.0 " + (c.fus().equals(V2)
                    ? "running" : "after the upgrade"));
        }

        // ---- delete ------------------------------------------------------------------------------------------
        Delete delete;
        Rule deleteRule;
        if (compare(c.tag(), "v1.11.0") <= 0) {
            boolean smallFlash = c.flash().equals("256K") || c.flash().equals("512K");
            // "On STM32WB5xC and STM32WB5xE": the sentence is in the STM32WB5x notes only (v1.1.1 on); the
            // STM32WB3x notes never say it, so STM32WB3x parts follow their era's STEP 3 / STEP 4 order
            if (smallFlash && c.family().equals("STM32WB5x") && compare(c.fus(), "1.0.2") < 0
                    && !chain.hops.isEmpty() && compare(c.tag(), "v1.1.1") >= 0) {
                delete = Delete.AFTER_FIRST_HOP;
                deleteRule = Rule.FUS_1_0_2_FIRST_256K_512K;
            } else {
                delete = Delete.BEFORE_HOPS;
                deleteRule = Rule.DELETE_FIRST_V1_1_0_TO_V1_11_0;
            }
        } else if (compare(fusAtInstall, V2) >= 0) {
            deleteRule = Rule.FUS_2_KEEPS_NVM;
            if (c.installed() == Installed.NONE
                    || stackFamily(stackName(c.installedStack())).equals(stackFamily(c.target()))) {
                delete = Delete.NONE;
            } else {
                delete = Delete.AFTER_HOPS;
            }
        } else {
            delete = Delete.OPTIONAL_AFTER_HOPS;
            deleteRule = Rule.DELETE_IF_REQUESTED_FUS_1;
        }

        // ---- install address ---------------------------------------------------------------------------------
        String table = CatalogFacts.address(target.get(), c.flash());
        String shifted = hex(Long.decode(table) - 0x4000);
        boolean targetV2Only = target.get().path("fusV2Only").asBoolean();
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> warn = new LinkedHashSet<>();
        Rule addressRule;
        if (targetV2Only) {
            addresses.add(table);
            addressRule = Rule.TABLE_ADDRESS;
        } else if (c.installed() == Installed.FUS_V2_ONLY) {
            // issue 10 item 1: "It must install 0x4000 lower, say why, and show both addresses."
            addresses.add(shifted);
            warn.add(table);
            warn.add(shifted);
            addressRule = Rule.V2_ONLY_SHIFT;
        } else if (compare(c.fus(), V2) >= 0) {
            addresses.add(table);
            addresses.add(shifted);
            warn.add(table);
            warn.add(shifted);
            addressRule = c.installed() == Installed.NONE ? Rule.V2_ONLY_UNKNOWN : Rule.V2_ONLY_UNKNOWN_LEGACY;
        } else {
            addresses.add(table);
            addressRule = Rule.TABLE_ADDRESS;
        }
        // ---- other steps the notes mandate ---------------------------------------------------------------------
        Set<Rule> ancillary = new LinkedHashSet<>();
        boolean swd = c.iface().equals("swd");
        if (swd && compare(c.tag(), "v1.11.1") >= 0) {
            ancillary.add(Rule.START_FUS_SWD);
        }
        if (swd && !wb1x && compare(c.tag(), "v1.6.0") >= 0) {
            ancillary.add(Rule.OB_RESTORE_SWD);
        }
        if (deleteRule == Rule.FUS_1_0_2_FIRST_256K_512K && compare(c.tag(), "v1.5.0") < 0) {
            ancillary.add(Rule.FUS_1_0_2_WARNING);
        }
        return new Steps(chain.hops, delete, target.get().path("file").asText(), addresses, warn, chain.rule,
                deleteRule, addressRule, ancillary);
    }

    // ---- FUS chain per era ---------------------------------------------------------------------------------------

    private record Chain(List<Hop> hops, Rule rule, Refusal refusal) {
    }

    /** One stage of an era's "Read and upgrade FUS Version" table: taken when the running FUS is below {@code below}. */
    private record Stage(String below, String fileSuffix) {
    }

    private static Chain chain(Case c) {
        String tag = c.tag();
        String family = c.family();
        String latest = "99.0.0";
        List<Stage> stages = new ArrayList<>();
        Rule rule;
        if (family.equals("STM32WB1x")) {
            if (compare(tag, "v1.23.0") < 0) {
                return new Chain(List.of(), Rule.WB1X_FUS_EMBEDDED, null);
            }
            rule = Rule.WB1X_CHAIN_V1_23_0_ON;
            if (compare(c.fus(), "1.2.0") < 0) {
                return new Chain(null, rule, new Refusal(rule, "no route from FUS " + c.fus() + " on STM32WB1x"));
            }
            stages.add(new Stage(latest, "_FUS_fw.bin"));
        } else if (compare(tag, "v1.1.1") < 0) {
            rule = Rule.CHAIN_V1_1_0;
            stages.add(new Stage("1.0.0", "_FUS_fw.bin"));
        } else if (compare(tag, "v1.5.0") < 0) {
            rule = Rule.CHAIN_V1_1_1_TO_V1_4_0;
            stages.add(new Stage("1.0.0", "_FUS_fw.bin"));
        } else if (family.equals("STM32WB3x") && compare(tag, "v1.8.0") < 0) {
            rule = Rule.CHAIN_WB3X_V1_5_0_TO_V1_7_0;
            if (compare(c.fus(), "1.0.0") < 0) {
                return new Chain(null, rule, new Refusal(rule, "no FUS image for STM32WB3x on FUS " + c.fus()));
            }
        } else if (compare(tag, "v1.11.1") < 0) {
            rule = Rule.CHAIN_V1_5_0_TO_V1_11_0;
            stages.add(new Stage("1.0.0", "_FUS_fw_1_0_2.bin"));
            stages.add(new Stage(latest, "_FUS_fw.bin"));
        } else if (compare(tag, "v1.22.1") < 0) {
            rule = Rule.CHAIN_V1_11_1_TO_V1_22_0;
            stages.add(new Stage("1.0.0", "_FUS_fw_for_fus_0_5_3.bin"));
            stages.add(new Stage("1.2.0", "_FUS_fw.bin"));
        } else {
            rule = Rule.CHAIN_V1_22_1_ON;
            stages.add(new Stage("1.0.0", "_FUS_fw_for_fus_0_5_3.bin"));
            stages.add(new Stage("1.2.0", "_FUS_fw_1_2_0.bin"));
            stages.add(new Stage(latest, "_FUS_fw.bin"));
        }
        String prefix = family.toLowerCase(Locale.ROOT);
        String running = c.fus();
        List<Hop> hops = new ArrayList<>();
        for (Stage stage : stages) {
            if (compare(running, stage.below()) >= 0) {
                continue;
            }
            String file = prefix + stage.fileSuffix();
            Optional<JsonNode> image = fileRecord(tag, family, file);
            if (image.isPresent() && image.get().path("kind").asText().equals("invalid")) {
                // v1.5.0: "0x20030030 : 0x10100000 : FUSv1.1.0 => Up to date, you can download the new wireless
                // stack using STEP 7." The invalid image has no version of its own: the notes' up-to-date one counts.
                if (compare(running, "1.1.0") >= 0) {
                    continue;
                }
                return new Chain(null, Rule.V1_5_0_FUS_IMAGE_INVALID, new Refusal(Rule.V1_5_0_FUS_IMAGE_INVALID,
                        file + " of " + tag + " is no FUS image, and FUS " + running + " needs it"));
            }
            if (image.isEmpty() || !image.get().path("kind").asText().equals("fus")) {
                return new Chain(null, rule, new Refusal(Rule.CATALOG, tag + " ships no " + file));
            }
            String version = image.get().path("version").asText();
            // FUS never goes down (and never re-installs itself): a stage is only taken below the image's version
            if (compare(running, version) >= 0) {
                continue;
            }
            String address = CatalogFacts.address(image.get(), c.flash());
            if (address == null) {
                return new Chain(null, rule, new Refusal(Rule.CATALOG, file + " has no " + c.flash() + " address"));
            }
            hops.add(new Hop(file, address, version));
            running = version;
        }
        if (hops.isEmpty() && !stages.isEmpty() && compare(c.fus(), newestFus(tag, family)) > 0) {
            // the part runs a FUS newer than any the release ships: nothing is written, whatever the era's table
            return new Chain(hops, Rule.FUS_NEVER_DOWNGRADES, null);
        }
        return new Chain(hops, rule, null);
    }

    /** The newest FUS image version the release ships for the family ("0.0.0" when none). */
    static String newestFus(String tag, String family) {
        String newest = "0.0.0";
        for (JsonNode b : binaries(tag, family)) {
            if (b.path("kind").asText().equals("fus") && compare(b.path("version").asText(), newest) > 0) {
                newest = b.path("version").asText();
            }
        }
        return newest;
    }

    // ---- catalog look-ups ----------------------------------------------------------------------------------------

    private static final Map<String, List<JsonNode>> BINARIES = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> FAMILIES = new ConcurrentHashMap<>();

    /** The family's records of a release (the catalog as plain JSON, read once per release and family). */
    static List<JsonNode> binaries(String tag, String family) {
        return BINARIES.computeIfAbsent(tag + " " + family, k -> CatalogFacts.binaries(tag, family));
    }

    static List<String> families(String tag) {
        return FAMILIES.computeIfAbsent(tag, CatalogFacts::families);
    }

    static Optional<JsonNode> stackRecord(String tag, String family, String name) {
        return binaries(tag, family).stream()
                .filter(b -> b.path("kind").asText().equals("stack") && b.path("stack").asText().equals(name))
                .findFirst();
    }

    static Optional<JsonNode> fileRecord(String tag, String family, String file) {
        return binaries(tag, family).stream().filter(b -> b.path("file").asText().equals(file)).findFirst();
    }

    /**
     * The FUS a FUS_v2-only stack needs: v1.22.1 "can only be installed with FUS v2.0.0"; v1.23.0 (history kept in
     * v1.24.0, which says nothing new) "can only be installed with FUS v2.1.0". FUS_v2-only stacks first appear in
     * v1.22.1, so the stack's version tells its release.
     */
    static String installerOf(String installedStack) {
        String version = installedStack.substring(installedStack.indexOf(' ') + 1);
        return compare(version, "1.23.0") >= 0 ? "2.1.0" : V2;
    }

    /**
     * The stack family, for the FUS 2.x in-place upgrade, read from the notes (not from the planner's rules): v1.22.1
     * "BLE Coprocessor Binaries are now provided with new format supporting NVM data migration during new
     * Coprocessor Binary installation" makes the BLE-only images (BLE_Stack_full/light/basic, BLE_HCILayer,
     * BLE_HCI_AdvScan and their _extended forms) one family. The binary tables describe the others by what they run:
     * "Static/Dynamic Concurrent Mode BLE Thread" (BLE_Thread_*), "... BLE Zigbee FFD/RFD" (BLE_Zigbee_*),
     * "Static Concurrent Mode BLE MAC 802.15.4." (BLE_Mac_802_15_4), "Full/Minimal Thread Device" and the OpenThread
     * RCP (Thread_*), "Zigbee Compliant Platform" (Zigbee_*), "MAC API is based on ... IEEE Std 802.15.4-2011"
     * (Mac_802_15_4), "802.15.4 Features exposed on application side" (Phy_802_15_4), the BLE link-layer driver
     * image (BLE_LLD, not a BLE host stack: its own family, the safer reading) and the RF monitor. Checked in that
     * order, first match wins; any other name is its own family.
     */
    static String stackFamily(String stack) {
        String[][] families = {
            {"BLE_Thread_", "BLE_Thread"}, {"BLE_Zigbee_", "BLE_Zigbee"}, {"BLE_Mac_", "BLE_Mac"},
            {"BLE_LLD", "BLE_LLD"}, {"BLE_", "BLE"}, {"Thread_", "Thread"}, {"Zigbee_", "Zigbee"},
            {"Mac_", "Mac"}, {"Phy_", "Phy"}, {"rfmonitor", "rfmonitor"},
        };
        for (String[] f : families) {
            if (stack.startsWith(f[0])) {
                return f[1];
            }
        }
        return stack;
    }

    static String stackName(String installed) {
        int space = installed.indexOf(' ');
        return space < 0 ? installed : installed.substring(0, space);
    }

    static String hex(long value) {
        return String.format(Locale.ROOT, "0x%08X", value);
    }
}
