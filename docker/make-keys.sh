#!/bin/sh
# One-time step before the first `docker compose up`: writes docker/keys.env with the deployment's
# secrets, each 32 random bytes in base64. Refuses to overwrite an existing file: the keys must
# stay the same for the life of the data (a new PII_KEY cannot read what the old one encrypted;
# a new AUDIT_KEY cannot verify the existing audit chains; a new HANDOVER_ROOT_KEY
# cannot read the signing keys, and receipts signed before verify only with the old root's public key). Keep a copy of the file somewhere safe.
set -eu
keys="$(dirname "$0")/keys.env"
if [ -e "$keys" ]; then
  echo "$keys exists: keeping it (remove it only if no data was ever written with these keys)" >&2
  exit 1
fi
random() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
umask 077
{
  echo "# written by docker/make-keys.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); never commit this file"
  echo "PII_KEY=$(random)"
  echo "JWT_SECRET=$(random)"
  echo "AUDIT_KEY=$(random)"
  echo "HANDOVER_ROOT_KEY=$(random)"
} > "$keys.tmp"
mv "$keys.tmp" "$keys"
echo "wrote $keys (PII_KEY, JWT_SECRET, AUDIT_KEY, HANDOVER_ROOT_KEY)"
