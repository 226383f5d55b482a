// vpflab: the VPF Lab desktop application. Wiring only.
#include <QApplication>
int main(int argc, char** argv) {
  QApplication app(argc, argv);
  return 0;
}
