#!/usr/bin/env bash
# Membership-inference attack (Shringarpure and Bustamante 2015) against the frequency register's public tier, at
# full scale: 1,000 members in the register, 1,000 simulated non-members of the same population, up to 5,000 queries
# per target (one client per target), power at a 5 % false-positive rate with and without the defences.
# It runs capability/permed-frequency's MembershipAttackTest with -Dpermed.attack.full=true and prints its figures;
# the default test suite runs the same test scaled down. See docs/privacy.md.
#
# Usage: bench/membership-attack.sh [--reference PANEL.vcf.gz] [--sites N] [--queries N] [--members N]
#                                   [--non-members N] [--budget NATS] [--explore NATS,NATS,...]
#   --reference  the phased panel the simulator copies (default: the 10k-record 1000 Genomes chr22 file in
#                ../shared/data/genotypes; the attacker's allele frequencies are this panel's)
#   --sites      simulated sites (default 160,000: enough that every target carries about 5,000 ALT alleles)
#   --budget     beacon.membership.individual-budget for the "defaults" scenarios (default: the default, 0.3)
#   --explore    also run the risk budget alone (many clients) with each of these individual budgets (figures only)
# Needs the modules installed (mvn -o -q -B install -DskipTests once). Takes 2-6 minutes on 2 shared cores
# (the simulation and reading it back are about half).
set -euo pipefail
cd "$(dirname "$0")/.."
REFERENCE="../shared/data/genotypes/10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz"
PROPERTIES=(-Dpermed.attack.full=true)
while [ $# -gt 0 ]; do
  case "$1" in
    --reference) REFERENCE="$2"; shift 2 ;;
    --sites) PROPERTIES+=("-Dpermed.attack.sites=$2"); shift 2 ;;
    --queries) PROPERTIES+=("-Dpermed.attack.queries=$2"); shift 2 ;;
    --members) PROPERTIES+=("-Dpermed.attack.members=$2"); shift 2 ;;
    --non-members) PROPERTIES+=("-Dpermed.attack.nonmembers=$2"); shift 2 ;;
    --budget) PROPERTIES+=("-Dpermed.attack.budget=$2"); shift 2 ;;
    --explore) PROPERTIES+=("-Dpermed.attack.explore=$2"); shift 2 ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ ! -f "$REFERENCE" ]; then
  echo "reference panel $REFERENCE not found; pass --reference" >&2
  exit 2
fi
REFERENCE="$(cd "$(dirname "$REFERENCE")" && pwd)/$(basename "$REFERENCE")"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "reference: $REFERENCE"
START=$(date +%s)
STATUS=0
mvn -o -q -B -pl capability/permed-frequency test -Dtest=MembershipAttackTest -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dpermed.attack.reference=$REFERENCE" "${PROPERTIES[@]}" \
    "-Dpermed.test.extraArgs=-Xmx6g -Dpermed.attack.full=true -Dpermed.attack.reference=$REFERENCE ${PROPERTIES[*]}" || STATUS=$?
OUTPUT=capability/permed-frequency/target/surefire-reports/no.permed.frequency.privacy.MembershipAttackTest-output.txt
if [ -f "$OUTPUT" ]; then
  grep -v ' INFO ' "$OUTPUT" || true
fi
echo "took $(( $(date +%s) - START )) s; test result: $([ $STATUS -eq 0 ] && echo passed || echo "FAILED (see capability/permed-frequency/target/surefire-reports)")"
exit $STATUS
