// A party row's search box: Enter looks the name up in the registry (the row's 查找) instead of sending the whole
// form, which would register the case with whatever was typed as an outsider. Without script, Enter sends the form.
document.addEventListener('keydown', function (event) {
  var input = event.target;
  if (event.key !== 'Enter' || !input.matches || !input.matches('.party input[type=search]')) {
    return;
  }
  var find = input.closest('.party').querySelector('button[name=find]');
  if (find) {
    event.preventDefault();
    find.click();
  }
});
