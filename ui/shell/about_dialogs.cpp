#include "ui/shell/about_dialogs.h"

#include <QCoreApplication>
#include <QMessageBox>

#include "ui/shell/main_window.h"

namespace vpf {

namespace {

const char* kPaperReference =
    "Zuozhu Liu, Tony Q. S. Quek and Shaowei Lin. “Variational Probability Flow for Biologically Plausible "
    "Training of Deep Neural Networks.” Proceedings of the Thirty-Second AAAI Conference on Artificial "
    "Intelligence (AAAI 2018). arXiv:1711.07732 (2017).";

// The texts keep MainWindow's translation context.
QString tr(const char* text) { return MainWindow::tr(text); }

}  // namespace

void showAboutDialog(QWidget* parent) {
  QMessageBox::about(parent, tr("About VPF Lab"),
                     tr("<h3>VPF Lab %1</h3>"
                        "<p>Trains restricted and deep Boltzmann machines with <b>Variational Probability Flow</b> "
                        "(and CD-k / PCD-k for comparison) and shows what they learn: filters, training curves, "
                        "hidden activations, and the STDP rule VPF implies.</p>"
                        "<p>Implements: %2</p>"
                        "<p>Built with Qt %3, Eigen and QCustomPlot.</p>")
                         .arg(QCoreApplication::applicationVersion(),
                              QString::fromUtf8(kPaperReference).toHtmlEscaped(), QString::fromLatin1(qVersion())));
}

void showPaperDialog(QWidget* parent) {
  QMessageBox box(parent);
  box.setWindowTitle(tr("The paper"));
  box.setIcon(QMessageBox::Information);
  box.setTextFormat(Qt::RichText);
  box.setText(tr("<p>VPF Lab implements</p><p><b>%1</b></p>").arg(QString::fromUtf8(kPaperReference).toHtmlEscaped()));
  box.setInformativeText(
      tr("Algorithm 1 (VPF training of RBMs and DBMs with an E-step and minibatch MPF updates), "
         "Algorithm 2 (confabulation), the experiments of Figs. 2–6 and the STDP analysis of "
         "Fig. 1."));
  box.setDetailedText(
      QStringLiteral("@inproceedings{liu2018vpf,\n"
                     "  title     = {Variational Probability Flow for Biologically Plausible Training of Deep Neural "
                     "Networks},\n"
                     "  author    = {Liu, Zuozhu and Quek, Tony Q. S. and Lin, Shaowei},\n"
                     "  booktitle = {Proceedings of the Thirty-Second AAAI Conference on Artificial Intelligence},\n"
                     "  year      = {2018},\n"
                     "  note      = {arXiv:1711.07732}\n"
                     "}"));
  box.exec();
}

}  // namespace vpf
