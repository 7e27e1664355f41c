// One constructor, one property order, no delete: every point has the same hidden class, so the
// property load in sumX stays monomorphic and TurboFan compiles it to a single offset read.
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}

function makePoint(i) {
  return new Point(i, 1);
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
