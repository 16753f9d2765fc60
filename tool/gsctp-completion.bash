# bash completion for gsctp(1)
#
# SPDX-License-Identifier: LGPL-2.1-or-later

_gsctp()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}

	local commands="check listen connect status peers option bench help version"
	local common="--backend --json --help"
	if ((cword == 1)); then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return
	fi

	case $prev in
	--backend|-b)
		COMPREPLY=($(compgen -W "kernel userland" -- "$cur"))
		return ;;
	--bind|-B|--connect|-c)
		COMPREPLY=($(compgen -A hostname -- "$cur"))
		return ;;
	--stream|-s|--ppid|-p|--ttl|-t|--streams|-S|--expect|-n|--count|--size|--seconds|--timeout|-T|--port|-P)
		return ;;
	esac

	local options
	case ${words[1]} in
	check) options="" ;;
	listen) options="--bind --one-to-one --echo --count --streams --hex --quiet" ;;
	connect) options="--bind --one-to-one --stream --ppid --unordered --ttl --streams --expect --timeout --hex" ;;
	status|peers) options="--bind --streams --timeout" ;;
	option) options="--connect --port --timeout" ;;
	bench) options="--size --seconds --count --quiet" ;;
	help)
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return ;;
	*) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$options $common" -- "$cur"))
		return
	fi

	# The words that are not options (nor their values) so far.
	local i args=()
	for ((i = 2; i < cword; i++)); do
		case ${words[i]} in
		--backend|-b|--bind|-B|--connect|-c|--stream|-s|--ppid|-p|--ttl|-t|--streams|-S|--expect|-n|--count|--size|--seconds|--timeout|-T|--port|-P)
			((i++)) ;;
		-*) ;;
		*) args+=("${words[i]}") ;;
		esac
	done

	case ${words[1]} in
	option)
		if ((${#args[@]} == 0)); then
			COMPREPLY=($(compgen -W "list names get set" -- "$cur"))
		elif ((${#args[@]} == 1)) && [[ ${args[0]} == get || ${args[0]} == set ]]; then
			# Names from a socket of whichever stack this host has.
			local names
			names=$(gsctp option names 2>/dev/null || gsctp option names --backend userland 2>/dev/null)
			COMPREPLY=($(compgen -W "$names" -- "$cur"))
		fi ;;
	connect)
		if ((${#args[@]} == 0)); then
			COMPREPLY=($(compgen -A hostname -- "$cur"))
		elif ((${#args[@]} >= 2)); then
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	status|peers|bench)
		if ((${#args[@]} == 0)); then
			COMPREPLY=($(compgen -A hostname -- "$cur"))
		fi ;;
	esac
}
complete -F _gsctp gsctp
