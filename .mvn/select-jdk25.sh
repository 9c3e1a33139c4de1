# shellcheck shell=sh
# Sourced by ./mvnw and .ci/run: point JAVA_HOME at a JDK 25 (the project compiles with --release 25).
# Keeps JAVA_HOME when it already is a JDK 25; otherwise looks in the usual install places.
# Fails with a clear message when no JDK 25 is installed.
aftersales_is_jdk25() {
  [ -x "$1/bin/javac" ] || return 1
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java\.specification\.version = 25$'
}
if [ -z "${JAVA_HOME-}" ] || ! aftersales_is_jdk25 "$JAVA_HOME"; then
  aftersales_found=""
  case $- in *f*) aftersales_noglob=1; set +f ;; *) aftersales_noglob=0 ;; esac
  for aftersales_candidate in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*25* /opt/java/*25* /usr/local/*jdk*25* "$HOME"/.sdkman/candidates/java/25*; do
    if [ -d "$aftersales_candidate" ] && aftersales_is_jdk25 "$aftersales_candidate"; then
      aftersales_found="$aftersales_candidate"
      break
    fi
  done
  [ "$aftersales_noglob" = 1 ] && set -f
  if [ -z "$aftersales_found" ]; then
    echo "error: this project needs JDK 25 (Temurin or any OpenJDK 25)." >&2
    echo "       None found in JAVA_HOME (${JAVA_HOME-unset}) or /usr/lib/jvm. Install one and set JAVA_HOME to it." >&2
    exit 1
  fi
  JAVA_HOME="$aftersales_found"
  export JAVA_HOME
fi
