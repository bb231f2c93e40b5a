# Shared shell helpers for the bin/ scripts (sourced, not run).
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

apt_install() {  # apt_install PACKAGE...: installs with apt, one 'apt-get update' per run
  if ! command -v apt-get >/dev/null; then
    echo "CapX: please install $* (no apt-get on this machine)" >&2; return 1
  fi
  if [ -z "${CAPX_APT_UPDATED:-}" ]; then $SUDO apt-get update -qq; export CAPX_APT_UPDATED=1; fi
  echo "CapX: installing $* with apt"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

as_postgres() {  # as_postgres COMMAND...: runs a command as the 'postgres' system user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
