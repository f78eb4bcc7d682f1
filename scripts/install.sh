#!/bin/sh
# Installs fuspath from this checkout: PREFIX/bin/fuspath (the launcher) and PREFIX/lib/fuspath/quarkus-app (the
# application), then makes the light path's class-data archive for the installed copy and the java found here.
#
# usage: scripts/install.sh [--prefix DIR]    (default DIR: $HOME/.local; then put DIR/bin on PATH)
# Builds the artifact first (./mvnw -q package -DskipTests) when target/quarkus-app is missing.
set -eu
cd "$(dirname "$0")/.."
prefix=${HOME:-/usr/local}/.local
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (usage: scripts/install.sh [--prefix DIR])" >&2; exit 2 ;;
    esac
done
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -x target/fuspath ]; then
    ./mvnw -B -q package -DskipTests
fi
mkdir -p "$prefix/bin" "$prefix/lib/fuspath"
prefix=$(cd "$prefix" && pwd)
lib=$prefix/lib/fuspath
rm -rf "$lib/quarkus-app.new"
cp -R target/quarkus-app "$lib/quarkus-app.new"
rm -f "$lib/quarkus-app.new/fuspath-light.jsa" "$lib/quarkus-app.new/fuspath-quarkus.jsa"
rm -rf "$lib/quarkus-app"
mv "$lib/quarkus-app.new" "$lib/quarkus-app"
# the launcher and archives as the package phase makes them, for the installed folder: an archive is valid only for
# the class path it was made with
sh src/main/launcher/package.sh src/main/launcher/fuspath "$lib"
rm -f "$prefix/bin/fuspath"
ln -s ../lib/fuspath/fuspath "$prefix/bin/fuspath"
echo "installed $prefix/bin/fuspath ($("$prefix/bin/fuspath" --version))"
case ":${PATH:-}:" in
    *":$prefix/bin:"*) ;;
    *) echo "add $prefix/bin to PATH to run it as fuspath" ;;
esac
