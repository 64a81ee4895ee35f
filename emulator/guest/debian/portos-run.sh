# /etc/profile.d/portos-run.sh: with portos.run=PATH on the kernel command
# line, the serial console's login shell runs PATH (a script; the tests put
# theirs on the repository disk) once per boot, then goes on as usual.
# Nothing happens without it.
if [ "$(tty 2>/dev/null)" = /dev/ttyAMA0 ] && [ ! -e /run/portos-run.done ]; then
	for portos_w in $(cat /proc/cmdline); do
		case $portos_w in
		portos.run=*)
			: >/run/portos-run.done
			sh "${portos_w#portos.run=}"
			;;
		esac
	done
	unset portos_w
fi
