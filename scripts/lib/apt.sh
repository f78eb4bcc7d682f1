# Sourced by the install scripts (scripts/install-browser.sh, scripts/install-node.sh, bench/*): installs Debian
# packages when it can, quietly, and never fails the caller. What cannot be installed is said on standard error with
# what the caller gives up without it.
#
#   apt_install WHO WITHOUT PACKAGE...
#     WHO      the name the messages start with (install-node)
#     WITHOUT  what happens without the packages (the OpenAPI lint test will be skipped)
# Returns 0 when the packages were installed, 1 otherwise. Tries the install first and runs `apt-get update` only
# when the install fails without it (the lists are fresh when another install script ran just before).

apt_install() {
  local who=$1 without=$2
  shift 2
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: no apt-get here; $without" >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "$who: not root and no sudo; $without" >&2
      return 1
    fi
  fi
  if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
     || { $sudo apt-get update -qq >/dev/null 2>&1 \
          && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; }
  then
    return 0
  fi
  echo "$who: apt-get could not install $*; $without" >&2
  return 1
}
