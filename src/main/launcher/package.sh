#!/bin/sh
# Run by `./mvnw package` (exec-maven-plugin, after the Quarkus build) and by scripts/install.sh:
# puts the fuspath launcher beside quarkus-app/ and makes the light path's class-data archive (AppCDS) with one
# training run of the planner's seed story, so that every later `fuspath plan|inspect|diagnose` maps the classes
# it needs from the archive instead of loading and verifying them.
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
    rm -f "$app/fuspath-light.jsa"
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
