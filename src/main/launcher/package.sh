#!/bin/sh
# Run by `./mvnw package` (exec-maven-plugin, after the Quarkus build) and by scripts/install.sh:
# puts the fuspath launcher beside quarkus-app/ and makes two class-data archives (AppCDS), each with one training
# run of the planner's seed story: the light path's (every later `fuspath plan|inspect|diagnose`) and the Quarkus
# path's (serve, sync, flash, history, station), so that a start maps the classes it needs from the archive instead
# of loading and verifying them.
#
# usage: package.sh LAUNCHER DIR   (DIR holds quarkus-app/; the launcher is written to DIR/fuspath)
set -eu
launcher=$1
dir=$2
app=$dir/quarkus-app
[ -f "$app/quarkus-run.jar" ] || { echo "package.sh: no $app/quarkus-run.jar" >&2; exit 1; }

cp "$launcher" "$dir/fuspath.new"
chmod 755 "$dir/fuspath.new"
mv "$dir/fuspath.new" "$dir/fuspath"

if [ "${FUSPATH_NO_CDS:-}" = true ]; then
    rm -f "$app/fuspath-light.jsa" "$app/fuspath-quarkus.jsa"
    exit 0
fi
rm -f "$app/fuspath-light.jsa"
# the archive is made for the class path the launcher uses and the java it finds; with another java it is ignored
JAVA_OPTS="-XX:ArchiveClassesAtExit=$app/fuspath-light.jsa.new -Dfuspath.light.training=true" "$dir/fuspath" plan >/dev/null 2>&1 || true
if [ -s "$app/fuspath-light.jsa.new" ]; then
    mv "$app/fuspath-light.jsa.new" "$app/fuspath-light.jsa"
else
    rm -f "$app/fuspath-light.jsa.new"
    echo "package.sh: no class-data archive made; the light path starts without it" >&2
fi

# the Quarkus path's archive (serve, sync, flash, history, station): one training start of the Quarkus application
# (the seed story's plan, which boots Quarkus, reads the catalog and plans); what java it finds is the launcher's
java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java
fi
rm -f "$app/fuspath-quarkus.jsa"
"$java" -XX:ArchiveClassesAtExit="$app/fuspath-quarkus.jsa.new" -jar "$app/quarkus-run.jar" \
    plan --chip STM32WB55RG --fus 0.5.3 --target BLE_Stack_full >/dev/null 2>&1 || true
if [ -s "$app/fuspath-quarkus.jsa.new" ]; then
    mv "$app/fuspath-quarkus.jsa.new" "$app/fuspath-quarkus.jsa"
else
    rm -f "$app/fuspath-quarkus.jsa.new"
    echo "package.sh: no class-data archive made for the Quarkus path; it starts without it" >&2
fi
