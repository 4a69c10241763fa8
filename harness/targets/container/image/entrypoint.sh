#!/bin/bash
# Entrypoint of the local omlc/opensearch-ml image, written for this project from the documented behaviour of the
# official opensearchproject/opensearch image (what the harness relies on; see the README next to this file):
#   - refuses to run as root;
#   - every environment variable named like a setting (lowercase words joined by dots, e.g. discovery.type) becomes
#     -E<name>=<value>; empty values are skipped;
#   - DISABLE_SECURITY_PLUGIN=true turns the security plugin off;
#   - the security demo configuration (TLS certificates, admin user) is installed on the first start unless
#     DISABLE_INSTALL_DEMO_CONFIG=true, and needs OPENSEARCH_INITIAL_ADMIN_PASSWORD;
#   - `opensearch [args]` (the default command) starts the node as PID 1; any other command runs as given.
# Differences: only images of versions whose security plugin Maven Central serves contain the plugin. Without it, a
# request for security is refused here (exit 64) instead of silently serving plain HTTP.
set -euo pipefail

home=${OPENSEARCH_HOME:-/usr/share/opensearch}
say() { echo "omlc-entrypoint: $*" >&2; }

if [ $# -gt 0 ] && [ "$1" != opensearch ] && [ "${1#-}" = "$1" ]; then
  exec "$@"
fi
if [ "${1:-}" = opensearch ]; then
  shift
fi

if [ "$(id -u)" = 0 ]; then
  say "refusing to run OpenSearch as root; run as the opensearch user (the image default, uid 1000)"
  exit 64
fi

is_true() { [ "${1,,}" = true ]; }

settings=()
security_setting=''
while IFS= read -r -d '' entry; do
  name=${entry%%=*}
  value=${entry#*=}
  if [[ $name =~ ^[a-z0-9_]+(\.[a-z0-9_-]+)+$ ]] && [ -n "$value" ]; then
    if [ "$name" = plugins.security.disabled ]; then
      security_setting=$value
      continue
    fi
    settings+=("-E$name=$value")
  fi
done < <(env -0)

if [ -d "$home/plugins/opensearch-security" ]; then
  if [ -n "$security_setting" ]; then
    settings+=("-Eplugins.security.disabled=$security_setting")
  elif is_true "${DISABLE_SECURITY_PLUGIN:-false}"; then
    settings+=('-Eplugins.security.disabled=true')
  fi
  marker="$home/config/.omlc-demo-config-installed"
  if ! is_true "${DISABLE_INSTALL_DEMO_CONFIG:-false}" && [ ! -e "$marker" ]; then
    if [ -z "${OPENSEARCH_INITIAL_ADMIN_PASSWORD:-}" ]; then
      say "the security demo configuration needs OPENSEARCH_INITIAL_ADMIN_PASSWORD (a strong password for the admin" \
        "user); set it, or set DISABLE_INSTALL_DEMO_CONFIG=true (and DISABLE_SECURITY_PLUGIN=true for plain HTTP)"
      exit 64
    fi
    say "installing the security demo configuration (demo TLS certificates, admin user)"
    # -y: no prompts, -i: initialise the security index from the demo config, -s: leave an existing config alone.
    OPENSEARCH_HOME=$home JAVA_HOME=$home/jdk bash "$home/plugins/opensearch-security/tools/install_demo_configuration.sh" -y -i -s
    touch "$marker"
  fi
else
  security_off=false
  if is_true "${DISABLE_SECURITY_PLUGIN:-false}" || is_true "${security_setting:-false}"; then
    security_off=true
  fi
  if [ "$security_off" != true ]; then
    say "this image has no security plugin (Maven Central does not serve it for this OpenSearch version), so it" \
      "cannot run with security on; set DISABLE_SECURITY_PLUGIN=true for plain HTTP without authentication"
    exit 64
  fi
fi

say "starting OpenSearch with ${#settings[@]} setting(s) from the environment"
exec "$home/bin/opensearch" "${settings[@]}" "$@"
