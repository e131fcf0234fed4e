// A date typed in makes the period a custom one (本月, 本季度 and 本年 run to today and ignore the dates).
document.addEventListener('change', function (event) {
  if (event.target.matches('#period-form input[type=date]')) {
    var period = document.getElementById('period');
    if (period) { period.value = 'custom'; }
  }
});

// Draws the dashboard's charts from the figures the page carries in data-values (no inline script).
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') { return; }
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var data = JSON.parse(el.getAttribute('data-values'))[el.getAttribute('data-chart')] || {};
    var items = Object.keys(data).map(function (k) { return { name: k, value: data[k] }; });
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item' },
      color: ['#b7181d', '#e0793c', '#f2c14e', '#5b8e7d', '#3c6e91', '#8c6bb1', '#999'],
      series: [{ type: 'pie', radius: ['35%', '65%'], data: items, label: { formatter: '{b}\n{c}' } }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
