// Points arrive from eight code paths, and each path builds its object its own way: different
// property orders, extra fields, a deleted field. Every GET sums the x of 2,000 points.
function makePoint(i) {
  switch (i % 8) {
    case 0: return { x: i, y: 1 };
    case 1: return { y: 1, x: i };
    case 2: { const p = { x: i }; p.y = 1; return p; }
    case 3: { const p = {}; p.y = 1; p.x = i; return p; }
    case 4: return { x: i, y: 1, z: 0 };
    case 5: { const p = { x: i, y: 1, tmp: 0 }; delete p.tmp; return p; }
    case 6: return { label: "p", x: i, y: 1 };
    default: return Object.assign({}, { y: 1 }, { x: i });
  }
}

const points = Array.from({ length: 2000 }, (_, i) => makePoint(i));

function sumX(list) {
  let sum = 0;
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < list.length; i++) sum += list[i].x;
  }
  return sum;
}

export default {
  fetch() {
    return new Response(String(sumX(points)));
  },
};
