package data

// TrainingCertHours is how many training hours earn a 培训证书.
const TrainingCertHours = 40

// EarnsTrainingCert reports whether the trainee has trained long enough for a 培训证书.
func (t Trainee) EarnsTrainingCert() bool { return t.TrainingMinutes >= TrainingCertHours*60 }
