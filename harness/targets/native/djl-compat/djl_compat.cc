// Supplies JNI entry points that DJL 0.31's Java side declares but the 1.13.1-0.21.0 JNI library predates.
#include <jni.h>
#include <ATen/ATen.h>
#include <exception>
static void rethrow(JNIEnv* env, const std::exception& e) {
  jclass cls = env->FindClass("ai/djl/engine/EngineException");
  if (cls != nullptr) env->ThrowNew(cls, e.what());
}
extern "C" {
JNIEXPORT jboolean JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIsContiguous(JNIEnv* env, jobject, jlong h) {
  try { return reinterpret_cast<at::Tensor*>(h)->is_contiguous() ? JNI_TRUE : JNI_FALSE; }
  catch (const std::exception& e) { rethrow(env, e); return JNI_FALSE; }
}
JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchToContiguous(JNIEnv* env, jobject, jlong h) {
  try { return reinterpret_cast<jlong>(new at::Tensor(reinterpret_cast<at::Tensor*>(h)->contiguous())); }
  catch (const std::exception& e) { rethrow(env, e); return 0; }
}
JNIEXPORT jobject JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchDirectByteBuffer(JNIEnv* env, jobject, jlong h) {
  try {
    auto* t = reinterpret_cast<at::Tensor*>(h);
    return env->NewDirectByteBuffer(t->data_ptr(), static_cast<jlong>(t->nbytes()));
  } catch (const std::exception& e) { rethrow(env, e); return nullptr; }
}
}
