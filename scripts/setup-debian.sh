#!/usr/bin/env bash
# Installs the Debian packages CalciScope needs (OpenJPEG for JPEG 2000 and HTJ2K, CharLS for JPEG-LS) and those its tests use as independent
# references and servers (dcmtk, GDCM, dcm2niix, dicom3tools, OpenJPH for an HTJ2K file, pydicom, nibabel, numpy/scipy, poppler; Orthanc, RabbitMQ and PostgreSQL, which the
# tests start as private instances), the font the PDF report is set in, and Node.js with npm, which bundle
# the page's viewer from its lockfile at build time. Does nothing for packages already present.
set -uo pipefail
need=()
for pkg in libopenjp2-7 libcharls2 libgdcm-tools dcmtk openjph-tools dcm2niix python3-pydicom python3-numpy python3-nibabel python3-scipy poppler-utils fonts-dejavu-core chromium orthanc orthanc-dicomweb dicom3tools rabbitmq-server postgresql "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# Node.js and npm may come from elsewhere than Debian (a newer npm): only their absence asks for Debian's.
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "setup: please install: ${need[*]}" >&2
  exit 0
fi
echo "setup: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || echo "setup: apt-get failed for: ${need[*]}" >&2
