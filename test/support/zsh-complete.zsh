# Types each line into an interactive zsh (a pseudo-terminal: zsh/zpty) and presses TAB, then
# records the edited command line: zsh's own completion system (compinit) running the script.
# usage: zsh -f zsh-complete.zsh <completion script> <out file> <line>...
zmodload zsh/zpty
script=$1 out=$2
shift 2
zpty z zsh -f -i
# ^T (bound to a widget that writes $BUFFER to the out file and clears the line) is one key, so zle never waits for more.
zpty -w z "PS1='> '; autoload -Uz compinit; compinit -u -D; source ${(q)script}; dumpbuf() { print -r -- \"\$BUFFER\" >> ${(q)out}; BUFFER=''; }; zle -N dumpbuf; bindkey '^T' dumpbuf; print RE''ADY"
while zpty -r z line; do [[ $line == READY* ]] && break; done
# zle reads keys in order: each TAB's completion is done before the ^T after it is read.
for l in "$@"; do zpty -w -n z "$l"$'\t'$'\x14'; done
# Wait (at most 20 s) until every line is recorded.
for i in {1..200}; do
  [[ -f $out && ${#${(f)"$(<$out)"}} -ge $# ]] && break
  sleep 0.1
done
zpty -d z
