#!/usr/bin/env bash
# Makes a throw-away PKI for the signing tests in DIR (nothing here is committed but this script):
# a root CA, three partners' certificates (Arabic common names), one expired and one not yet valid, a key that
# matches no certificate, a PKCS#12 file, and a time-stamping authority for `openssl ts -reply`.
set -euo pipefail
dir="$1"; mkdir -p "$dir"; cd "$dir"
key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

cat > ca.cnf <<'CNF'
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = index.txt
new_certs_dir = issued
serial = serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
[ partner ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
[ tsa ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
[ nosign ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CNF
mkdir -p issued; : > index.txt; echo 1000 > serial

key ca.key
openssl req -new -x509 -utf8 -key ca.key -out ca.pem -days 3650 -subj "/CN=Dossier Test Root CA/O=Test" \
  -extensions root -config ca.cnf 2>/dev/null

# issue NAME "SUBJECT" EXTENSIONS [start end]
issue() {
  key "$1.key"
  openssl req -new -utf8 -key "$1.key" -out "$1.csr" -subj "$2" -config ca.cnf 2>/dev/null
  local dates=(-days 365)
  if [ $# -ge 5 ]; then dates=(-startdate "$4" -enddate "$5"); fi
  openssl ca -batch -utf8 -config ca.cnf -cert ca.pem -keyfile ca.key -extensions "$3" "${dates[@]}" \
    -in "$1.csr" -out "$1.pem" -notext 2>/dev/null
}
issue ministry "/CN=وزارة الداخلية/O=المملكة المغربية" partner
issue apdn "/CN=وكالة تنمية أقاليم الشمال" partner
issue indh "/CN=INDH Taounate" partner
issue expired "/CN=شريك منتهي" partner 20000101000000Z 20010101000000Z
issue notyet "/CN=شريك مقبل" partner 20990101000000Z 20991231000000Z
issue tsa "/CN=Dossier Test TSA" tsa
key stranger.key
# A certificate that may not sign documents (key encipherment only), and one issued by a partner whose own
# certificate is not a CA's (CA:FALSE): verify --trust must refuse both chains.
issue nosign "/CN=شريك بلا حق التوقيع" nosign
key forged.key
openssl req -new -utf8 -key forged.key -out forged.csr -subj "/CN=موقع مزور" -config ca.cnf 2>/dev/null
openssl x509 -req -in forged.csr -CA indh.pem -CAkey indh.key -set_serial 4242 -days 30 -extfile ca.cnf -extensions partner \
  -out forged.pem 2>/dev/null
# The chamber's key, certificate and CA certificate in one PKCS#12 file (password in the test's environment).
issue chamber "/CN=غرفة الصناعة التقليدية لجهة فاس مكناس" partner
openssl pkcs12 -export -inkey chamber.key -in chamber.pem -certfile ca.pem -name chamber -out chamber.p12 \
  -passout pass:'كلمة-السر-1' 2>/dev/null

cat > tsa.cnf <<'CNF'
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = .
serial = tsaserial
signer_cert = tsa.pem
certs = ca.pem
signer_key = tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 > tsaserial
