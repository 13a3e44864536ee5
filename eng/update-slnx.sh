cd "$(dirname "$0")/.."
{
echo '<Solution>'
for d in src samples tests bench; do
  files=$(ls $d/*/*.csproj 2>/dev/null | sort)
  [ -z "$files" ] && continue
  echo "  <Folder Name=\"/$d/\">"
  for f in $files; do echo "    <Project Path=\"$f\" />"; done
  echo "  </Folder>"
done
echo '</Solution>'
} > Fastn.slnx
