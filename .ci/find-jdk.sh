# Sourced by ./mvnj and ./latentj: finds a JDK >= 22.
latentj_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
latentj_find_jdk() {
  local cand m
  for cand in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    m="$(latentj_java_major "$cand/bin/java")"
    if [ -n "$m" ] && [ "$m" -ge 22 ] 2>/dev/null; then echo "$cand"; return 0; fi
  done
  echo "LatentJ needs a JDK 22 or newer (FFM API); none found in JAVA_HOME, PATH or /usr/lib/jvm." >&2
  echo "Install one (for example a Temurin 25 JDK under /usr/lib/jvm) or set JAVA_HOME to it." >&2
  return 1
}
