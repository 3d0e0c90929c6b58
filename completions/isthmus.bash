# SPDX-License-Identifier: MIT
# bash completion for isthmus.  The options come from the installed
# tool's own help ("isthmus COMMAND --help"), so they never fall behind.
_isthmus()
{
    local cur prev cmd opts
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "tag compile check lookup coverage suggest eval view --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    case $prev in
        --format)
            COMPREPLY=($(compgen -W "text lines jsonl" -- "$cur")); return ;;
        --offsets)
            COMPREPLY=($(compgen -W "codepoints bytes utf16" -- "$cur")); return ;;
        --overlaps)
            COMPREPLY=($(compgen -W "longest all" -- "$cur")); return ;;
        -g|--gazetteers|-r|--rules|--db|-o|--output|--gold|--pred)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        opts=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null |
               grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _isthmus isthmus
