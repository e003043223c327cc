#!/usr/bin/env bash
# Captures QEMU 7.2's monitor output for the demo kernel stopped in a known state, as the fixture
# that QemuFixtureTest compares i386mon's QEMU-format commands with.
#   scripts/capture-qemu.sh            (needs qemu-system-i386 and python3; builds first if needed)
# The state: demo.elf with "scenario=identity-4m,fault=0xC0000000,write" panics on the page fault
# and ends in cli; hlt, where nothing changes any more.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kernel="$root/kernel/target/classes/i386mon/kernel/demo.elf"
out="$root/shell/src/test/resources/i386mon/shell/qemu/panic-identity-4m.txt"
cmdline="scenario=identity-4m,fault=0xC0000000,write"
[[ -f "$kernel" ]] || (cd "$root" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
qemu-system-i386 -kernel "$kernel" -append "$cmdline" -m 128 -display none -serial null -no-reboot \
    -monitor "unix:$work/mon.sock,server,nowait" &
qemu=$!
sleep 3   # the kernel panics within milliseconds; leave QEMU time to boot it
mkdir -p "$(dirname "$out")"
python3 - "$work/mon.sock" "$cmdline" > "$out" <<'PY'
import re, socket, sys
sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
def read(seconds):
    sock.settimeout(seconds)
    data = b''
    try:
        while not data.endswith(b'(qemu) '):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    return data.decode('latin-1')
read(2)
print('# QEMU 7.2 monitor, demo.elf -append "%s" -m 128, after the panic (cli; hlt)' % sys.argv[2])
for cmd in ['info registers', 'info tlb', 'info mem', 'x/4x 0x100000', 'xp/8xb 0x100000', 'x/2xg 0x100000',
            'x/4dw 0x100000', 'x/4x 0xc0000000', 'x/i $eip', 'gva2gpa 0xc0000000', 'gva2gpa 0x123456',
            'print $eax', 'print/x $esp', 'info pic', 'info irq']:
    sock.send((cmd + '\n').encode())
    text = read(5)
    text = text[text.index('\r\n') + 2:]          # drop the echo of the typed command
    text = text[:text.rindex('(qemu) ')].replace('\r', '')
    print('=== ' + cmd)
    sys.stdout.write(text)
sock.send(b'quit\n')
PY
wait "$qemu" || true
echo "wrote $out" >&2
